/**
 * RPKI signed objects, RFC 6488: a CMS SignedData (RFC 5652 §5) with one SHA-256 digest, the one-time-use EE
 * certificate, one signer named by subject key identifier and the signed attributes content-type, message-digest
 * and signing-time (RFC 9589 §4).
 *
 *   ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT SignedData }
 *   SignedData ::= SEQUENCE { version 3, digestAlgorithms SET OF { sha256 }, encapContentInfo
 *     SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING }, certificates [0] IMPLICIT SET OF Certificate,
 *     signerInfos SET OF SignerInfo }
 *   SignerInfo ::= SEQUENCE { version 3, sid [0] SubjectKeyIdentifier, digestAlgorithm sha256,
 *     signedAttrs [0] IMPLICIT SET OF Attribute, signatureAlgorithm sha256WithRSAEncryption, signature OCTET STRING }
 */
import { hex } from '../der/values.ts';
import { encode, explicit, implicit, integer, octetString, oid, raw, sequence, setOf, time } from '../der/writer.ts';
import type { ClaimedResources } from '../resources/resource-set.ts';
import { makeCertificate, sha256WithRsa, type Issuer } from './cert.ts';
import type { RsaKey } from './keys.ts';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const ATTR_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ATTR_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ATTR_SIGNING_TIME = '1.2.840.113549.1.9.5';

type Bytes = Uint8Array<ArrayBuffer>;

export interface SignedObjectSpec {
  eContentType: string;
  /** The DER (or, for a Ghostbusters record, the text) the object carries. */
  eContent: Uint8Array;
  /** rsync URI the object is published at: the EE certificate's SIA signedObject (RFC 6487 §4.8.8.2). */
  uri: string;
  /** The one-time-use key of the EE certificate (RFC 6487 §3). */
  key: RsaKey;
  serial: bigint;
  /** Unix seconds; the signing-time is notBefore, inside the EE certificate's validity. */
  notBefore: number;
  notAfter: number;
  /** The EE certificate's resources: explicit, or 'inherit' for objects that speak for the whole CA. */
  resources: ClaimedResources;
}

/** A signed object whose EE certificate `issuer` signs and whose content the EE key signs. */
export async function makeSignedObject(spec: SignedObjectSpec, issuer: Issuer, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<Uint8Array> {
  const ee = await makeCertificate(
    {
      kind: 'ee',
      serial: spec.serial,
      subject: hex(spec.key.ski).toUpperCase(),
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      key: spec.key,
      sia: { signedObject: spec.uri },
      resources: spec.resources,
    },
    issuer,
  );
  const digest = new Uint8Array(await subtle.digest('SHA-256', spec.eContent as Bytes));
  // RFC 5652 §5.4: the signature covers the DER of the attributes as a SET OF, which is how setOf encodes them.
  const attrs = encode(
    setOf(
      sequence(oid(ATTR_CONTENT_TYPE), setOf(oid(spec.eContentType))),
      sequence(oid(ATTR_MESSAGE_DIGEST), setOf(octetString(digest))),
      // RFC 5652 §11.3: UTCTime through 2049, GeneralizedTime from 2050 on.
      sequence(oid(ATTR_SIGNING_TIME), setOf(time(spec.notBefore))),
    ),
  );
  const signature = await spec.key.sign(attrs);
  const signerInfo = sequence(
    integer(3),
    implicit(0, octetString(spec.key.ski)),
    sequence(oid(SHA256)),
    implicit(0, raw(attrs)),
    sha256WithRsa(),
    octetString(signature),
  );
  const signedData = sequence(
    integer(3),
    setOf(sequence(oid(SHA256))),
    sequence(oid(spec.eContentType), explicit(0, octetString(spec.eContent))),
    implicit(0, setOf(raw(ee))),
    setOf(signerInfo),
  );
  return encode(sequence(oid(ID_SIGNED_DATA), explicit(0, signedData)));
}
