/**
 * Certificate revocation lists: X.509 v2 (RFC 5280 §5.1) under the RPKI profile of RFC 6487 §5.
 *
 *   TBSCertList ::= SEQUENCE { version Version (v2), signature AlgorithmIdentifier, issuer Name, thisUpdate Time,
 *     nextUpdate Time, revokedCertificates SEQUENCE OF SEQUENCE { userCertificate CertificateSerialNumber,
 *     revocationDate Time } OPTIONAL, crlExtensions [0] EXPLICIT Extensions }
 */
import { encode, explicit, implicit, integer, octetString, oid, sequence, time } from '../der/writer.ts';
import { OID } from '../x509/extensions.ts';
import { name, sha256WithRsa, signed, type Issuer } from './cert.ts';

export interface CrlSpec {
  /** Unix seconds. */
  thisUpdate: number;
  nextUpdate: number;
  crlNumber: bigint;
  revoked: { serial: bigint; date: number }[];
}

export async function makeCrl(spec: CrlSpec, issuer: Issuer): Promise<Uint8Array> {
  const fields = [integer(1), sha256WithRsa(), name(issuer.name), time(spec.thisUpdate), time(spec.nextUpdate)];
  // RFC 5280 §5.1.2.6: absent when nothing is revoked; RFC 6487 §5: no entry extensions.
  if (spec.revoked.length) fields.push(sequence(...spec.revoked.map((r) => sequence(integer(r.serial), time(r.date)))));
  // RFC 6487 §5: exactly the AKI (the issuer's SKI) and the CRL number, both non-critical.
  const aki = sequence(oid(OID.authorityKeyIdentifier), octetString(encode(sequence(implicit(0, octetString(issuer.key.ski))))));
  const number = sequence(oid(OID.crlNumber), octetString(encode(integer(spec.crlNumber))));
  fields.push(explicit(0, sequence(aki, number)));
  return signed(encode(sequence(...fields)), issuer.key);
}
