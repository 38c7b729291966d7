/**
 * SubjectPublicKeyInfo, RFC 5280 §4.1.2.7, with the key formats of RFC 7935 §3.1 (RSA) and RFC 8608 §3.1
 * (BGPsec router keys, ECDSA P-256).
 *
 *   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
 *   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }      -- RFC 8017 §A.1.1
 *   ECPoint ::= the BIT STRING's octets, 04 || x || y when uncompressed         -- RFC 5480 §2.2
 */
import { DER, DerReader, Tag, type Tlv } from '../der/reader.ts';
import { readBigInt, readBitString, readOid } from '../der/values.ts';
import { decodeAlgorithmIdentifier, EC_PUBLIC_KEY, RSA_ENCRYPTION, SECP256R1, type AlgorithmIdentifier } from './algorithm.ts';

export type PublicKey =
  | { type: 'rsa'; modulus: Uint8Array; exponent: Uint8Array; bits: number }
  | { type: 'ec'; curve: string; point: Uint8Array }
  | { type: 'other'; algorithm: string };

export interface SubjectPublicKeyInfo {
  algorithm: AlgorithmIdentifier;
  /** The subjectPublicKey BIT STRING's octets: what the SKI hashes (RFC 6487 §4.8.2, RFC 5280 §4.2.1.2). */
  subjectPublicKey: Uint8Array;
  publicKey: PublicKey;
  /** The whole SubjectPublicKeyInfo TLV (what a TAL carries, and what WebCrypto imports as 'spki'). */
  der: Uint8Array;
}

export function decodeSubjectPublicKeyInfo(t: Tlv): SubjectPublicKeyInfo {
  const r = t.children();
  const algorithm = decodeAlgorithmIdentifier(r.expect(Tag.SEQUENCE, `${t.field}.algorithm`));
  const keyTlv = r.expect(Tag.BIT_STRING, `${t.field}.subjectPublicKey`);
  r.finish();
  const bits = readBitString(keyTlv);
  if (bits.unused !== 0) keyTlv.reject('a public key is a whole number of octets', 'BIT STRING');
  let publicKey: PublicKey;
  if (algorithm.oid === RSA_ENCRYPTION) publicKey = rsaPublicKey(keyTlv);
  else if (algorithm.oid === EC_PUBLIC_KEY) {
    const curve = typeof algorithm.params === 'object' && algorithm.params.tag === Tag.OID ? readOid(algorithm.params) : '';
    publicKey = { type: 'ec', curve: curve === SECP256R1 ? 'P-256' : curve || 'unnamed', point: bits.bytes };
  } else publicKey = { type: 'other', algorithm: algorithm.oid };
  return { algorithm, subjectPublicKey: bits.bytes, publicKey, der: t.bytes };
}

function rsaPublicKey(keyTlv: Tlv): PublicKey {
  // The octets after the unused-bits octet are themselves DER; offsets stay absolute within the object.
  const seq = new DerReader(keyTlv.buf, keyTlv.body + 1, keyTlv.end, DER, 'RSAPublicKey').expect(Tag.SEQUENCE, 'RSAPublicKey');
  const r = seq.children();
  const n = r.expect(Tag.INTEGER, 'RSAPublicKey.modulus');
  const e = r.expect(Tag.INTEGER, 'RSAPublicKey.publicExponent');
  r.finish();
  if (seq.next !== keyTlv.end) seq.reject('bytes follow the RSAPublicKey');
  const modulus = positiveMagnitude(n);
  const exponent = positiveMagnitude(e);
  return { type: 'rsa', modulus, exponent, bits: bitLength(modulus) };
}

/**
 * The magnitude of a positive INTEGER without the sign octet. Checks sign and minimal form on the first two
 * octets as readBigInt does, without building a 2048-bit bigint for every certificate.
 */
function positiveMagnitude(t: Tlv): Uint8Array {
  const b = t.content;
  if (b.length > 1 && b[0] === 0 && b[1] < 0x80) readBigInt(t); // throws der.value.non-canonical
  if (b.length === 0 || b[0] & 0x80 || (b.length === 1 && b[0] === 0)) t.reject('RSA modulus and exponent must be positive');
  return b[0] === 0 ? b.subarray(1) : b;
}

function bitLength(b: Uint8Array): number {
  if (b.length === 0) return 0;
  return (b.length - 1) * 8 + (32 - Math.clz32(b[0]));
}

/** The exponent as a number when it fits, for the RFC 7935 §3 check (65,537). */
export function exponentValue(e: Uint8Array): number {
  if (e.length > 6) return Number.POSITIVE_INFINITY;
  let v = 0;
  for (const b of e) v = v * 256 + b;
  return v;
}
