/**
 * Resource certificates under the RPKI profile (RFC 6487 §4; trust anchors RFC 8630 §2.3; BGPsec routers
 * RFC 8209 §3.1), signed sha256WithRSAEncryption (RFC 7935 §2).
 *
 *   Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version, serialNumber, signature AlgorithmIdentifier, issuer Name,
 *     validity Validity, subject Name, subjectPublicKeyInfo, extensions [3] EXPLICIT Extensions }
 *   Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 */
import {
  boolean,
  bitString,
  encode,
  explicit,
  ia5String,
  implicit,
  integer,
  isPrintable,
  namedBits,
  nul,
  octetString,
  oid,
  printableString,
  raw,
  sequence,
  setOf,
  time,
  utf8String,
  type DerNode,
} from '../der/writer.ts';
import type { ClaimedResources } from '../resources/resource-set.ts';
import { SHA256_WITH_RSA } from '../x509/algorithm.ts';
import { OID } from '../x509/extensions.ts';
import { COMMON_NAME } from '../x509/name.ts';
import type { RsaKey } from './keys.ts';
import { asIdentifiers, ipAddrBlocks } from './resources.ts';

/** The certificate authority that signs: its name, key and where its certificate and CRL are published. */
export interface Issuer {
  /** The commonName of the CA's subject. */
  name: string;
  key: RsaKey;
  /** rsync URI of the CA's certificate (AIA of what it issues); absent for a trust anchor signing itself. */
  certUri?: string;
  /** rsync URI of the CA's CRL (CRLDP of what it issues). */
  crlUri?: string;
}

export type CertKind = 'ta' | 'ca' | 'ee' | 'router';

export interface CertificateSpec {
  kind: CertKind;
  serial: bigint;
  subject: string;
  /** Unix seconds. */
  notBefore: number;
  notAfter: number;
  /** The subject's public key. */
  key: { spki: Uint8Array; ski: Uint8Array };
  /** RFC 6487 §4.8.8: caRepository, rpkiManifest, rpkiNotify (CAs) or signedObject (EE certificates). */
  sia?: { caRepository?: string; rpkiManifest?: string; rpkiNotify?: string; signedObject?: string };
  resources: ClaimedResources;
}

/** RFC 4055 §5: sha256WithRSAEncryption with NULL parameters. */
export function sha256WithRsa(): DerNode {
  return sequence(oid(SHA256_WITH_RSA), nul());
}

/** RFC 6487 §4.4–4.5: one commonName (PrintableString when it fits, else UTF8String). */
export function name(commonName: string): DerNode {
  const value = isPrintable(commonName) ? printableString(commonName) : utf8String(commonName);
  return sequence(setOf(sequence(oid(COMMON_NAME), value)));
}

function extension(id: string, critical: boolean, value: DerNode): DerNode {
  return critical ? sequence(oid(id), boolean(true), octetString(encode(value))) : sequence(oid(id), octetString(encode(value)));
}

/** GeneralName uniformResourceIdentifier [6] IA5String. */
function uri(u: string): DerNode {
  return implicit(6, ia5String(u));
}

function accessDescriptions(entries: [string, string | undefined][]): DerNode {
  return sequence(...entries.filter((e): e is [string, string] => e[1] !== undefined).map(([method, u]) => sequence(oid(method), uri(u))));
}

// RFC 5280 §4.2.1.3 KeyUsage bits.
const DIGITAL_SIGNATURE = 0;
const KEY_CERT_SIGN = 5;
const CRL_SIGN = 6;

/** The extensions of RFC 6487 §4.8 for the certificate's kind, in the order that section lists them. */
function extensions(spec: CertificateSpec, issuer: Issuer): DerNode[] {
  const isCa = spec.kind === 'ta' || spec.kind === 'ca';
  const out: DerNode[] = [];
  // §4.8.1 Basic Constraints: critical, cA, no path length; absent from EE certificates.
  if (isCa) out.push(extension(OID.basicConstraints, true, sequence(boolean(true))));
  // §4.8.2 Subject Key Identifier: the SHA-1 of the subjectPublicKey.
  out.push(extension(OID.subjectKeyIdentifier, false, octetString(spec.key.ski)));
  // §4.8.3 Authority Key Identifier: the issuer's SKI as keyIdentifier [0]; omitted in a self-signed certificate.
  if (spec.kind !== 'ta') out.push(extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, octetString(issuer.key.ski)))));
  // §4.8.4 Key Usage: critical; keyCertSign and cRLSign for CAs, digitalSignature otherwise (RFC 8209 §3.1.3.1).
  out.push(extension(OID.keyUsage, true, namedBits(isCa ? [KEY_CERT_SIGN, CRL_SIGN] : [DIGITAL_SIGNATURE])));
  // §4.8.5 Extended Key Usage: only in router certificates, id-kp-bgpsec-router, non-critical (RFC 8209 §3.1.3.2).
  if (spec.kind === 'router') out.push(extension(OID.extKeyUsage, false, sequence(oid(OID.kpBgpsecRouter))));
  if (spec.kind !== 'ta') {
    // §4.8.6 CRL Distribution Points: one DistributionPoint, fullName [0] with the issuer's CRL URI.
    const fullName = implicit(0, sequence(uri(issuer.crlUri!)));
    out.push(extension(OID.crlDistributionPoints, false, sequence(sequence(explicit(0, fullName)))));
    // §4.8.7 Authority Information Access: id-ad-caIssuers, the issuer's certificate.
    out.push(extension(OID.authorityInfoAccess, false, accessDescriptions([[OID.adCaIssuers, issuer.certUri]])));
  }
  // §4.8.8 Subject Information Access (absent from router certificates, RFC 8209 §3.1.3.3).
  const sia = spec.sia;
  if (sia && spec.kind !== 'router') {
    out.push(
      extension(
        OID.subjectInfoAccess,
        false,
        accessDescriptions([
          [OID.adCaRepository, sia.caRepository],
          [OID.adRpkiManifest, sia.rpkiManifest],
          [OID.adRpkiNotify, sia.rpkiNotify],
          [OID.adSignedObject, sia.signedObject],
        ]),
      ),
    );
  }
  // §4.8.9 Certificate Policies: critical, id-cp-ipAddr-asNumber (RFC 6484 §1.2) without qualifiers.
  out.push(extension(OID.certificatePolicies, true, sequence(sequence(oid(OID.cpIpAddrAsNumber)))));
  // §4.8.10–4.8.11 IP and AS resources: critical.
  const ip = ipAddrBlocks(spec.resources);
  if (ip) out.push(extension(OID.ipAddrBlocks, true, ip));
  const as = asIdentifiers(spec.resources);
  if (as) out.push(extension(OID.autonomousSysIds, true, as));
  return out;
}

/** The DER certificate, signed by `issuer` (by the subject's own key for a trust anchor). */
export async function makeCertificate(spec: CertificateSpec, issuer: Issuer): Promise<Uint8Array> {
  const tbs = encode(
    sequence(
      explicit(0, integer(2)),
      integer(spec.serial),
      sha256WithRsa(),
      name(issuer.name),
      sequence(time(spec.notBefore), time(spec.notAfter)),
      name(spec.subject),
      raw(spec.key.spki),
      explicit(3, sequence(...extensions(spec, issuer))),
    ),
  );
  return signed(tbs, issuer.key);
}

/** SEQUENCE { tbs, sha256WithRSAEncryption, BIT STRING signature }: the shape of certificates and CRLs. */
export async function signed(tbs: Uint8Array, key: RsaKey): Promise<Uint8Array> {
  const signature = await key.sign(tbs);
  return encode(sequence(raw(tbs), sha256WithRsa(), bitString(signature)));
}
