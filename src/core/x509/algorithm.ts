/**
 * AlgorithmIdentifier, RFC 5280 §4.1.1.2, with the RPKI algorithm suite of RFC 7935 (and RFC 8608 for BGPsec
 * router keys).
 *
 *   AlgorithmIdentifier ::= SEQUENCE {
 *     algorithm   OBJECT IDENTIFIER,
 *     parameters  ANY DEFINED BY algorithm OPTIONAL }
 */
import { Tag, type Tlv } from '../der/reader.ts';
import { readOid } from '../der/values.ts';
import type { ByteRange, Findings } from '../report/finding.ts';

/** RFC 7935 §2: the one signature algorithm of the RPKI (RFC 4055 §5). */
export const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
/** RFC 7935 §3.1: the subject public key algorithm of RPKI certificates (RFC 4055 §1.2). */
export const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
/** RFC 5480 §2.1.1: id-ecPublicKey, used by BGPsec router keys (RFC 8608 §3.1). */
export const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** RFC 5480 §2.1.1.1: secp256r1, the only curve of BGPsec (RFC 8608 §3.1). */
export const SECP256R1 = '1.2.840.10045.3.1.7';
/** RFC 5758 §3.2: ecdsa-with-SHA256 (BGPsec signatures, never RPKI certificate signatures). */
export const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

const algorithmNames: Record<string, string> = {
  [SHA256_WITH_RSA]: 'sha256WithRSAEncryption',
  [RSA_ENCRYPTION]: 'rsaEncryption',
  [EC_PUBLIC_KEY]: 'id-ecPublicKey',
  [ECDSA_WITH_SHA256]: 'ecdsa-with-SHA256',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
};

/** A readable name for an algorithm OID, or the dotted OID itself. */
export function algorithmName(oid: string): string {
  return algorithmNames[oid] ?? oid;
}

export interface AlgorithmIdentifier {
  oid: string;
  /** 'absent', 'null' (an ASN.1 NULL), or the parameters TLV when it is anything else. */
  params: 'absent' | 'null' | Tlv;
  /** The whole AlgorithmIdentifier TLV, to compare two identifiers byte for byte. */
  der: Uint8Array;
  range: ByteRange;
}

export function decodeAlgorithmIdentifier(t: Tlv): AlgorithmIdentifier {
  const r = t.children();
  const oid = readOid(r.expect(Tag.OID, `${t.field}.algorithm`));
  let params: AlgorithmIdentifier['params'] = 'absent';
  if (!r.atEnd) {
    const p = r.read(`${t.field}.parameters`);
    params = p.tag === Tag.NULL && p.length === 0 ? 'null' : p;
  }
  r.finish();
  return { oid, params, der: t.bytes, range: t.range };
}

/** Byte equality of two AlgorithmIdentifiers (RFC 5280 §4.1.1.2 and §5.1.1.2 want the two copies identical). */
export function sameAlgorithm(a: AlgorithmIdentifier, b: AlgorithmIdentifier): boolean {
  if (a.der.length !== b.der.length) return false;
  for (let i = 0; i < a.der.length; i++) if (a.der[i] !== b.der[i]) return false;
  return true;
}

/** RFC 4055 §5: sha256WithRSAEncryption parameters are NULL; implementations MUST also accept them absent. */
export function checkSignatureAlgorithm(alg: AlgorithmIdentifier, findings: Findings): void {
  if (alg.params === 'absent') findings.add('x509.signature-algorithm.params-absent', { algorithm: algorithmName(alg.oid) }, alg.range);
  else if (alg.params !== 'null') findings.add('x509.signature-algorithm.params-invalid', { algorithm: algorithmName(alg.oid) }, alg.range);
}
