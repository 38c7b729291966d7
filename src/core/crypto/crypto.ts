/**
 * The one seam to cryptography. The core asks for SHA-256 digests and signature checks; each host plugs in the
 * cheapest implementation it has (WebCrypto in browsers and workers, node:crypto in the CLI).
 * Every RPKI signature is RSA PKCS#1 v1.5 with SHA-256 (RFC 7935 §2); BGPsec router keys (RFC 8608) are
 * EC keys certified by RSA-signed certificates, so no ECDSA check is needed here.
 */

import type { PublicKey } from '../x509/spki.ts';

export type { PublicKey };

/** A key prepared for verification; opaque to the core. */
export type VerifyKey = unknown;

/** Hosts may answer synchronously where that is cheaper (node:crypto); callers always await. */
export interface RpkiCrypto {
  sha256(data: Uint8Array): Promise<Uint8Array> | Uint8Array;
  /** Prepares a key once; the walk reuses it for everything the key signed. Rejects a key it cannot use. */
  importKey(spki: Uint8Array, key: PublicKey): Promise<VerifyKey>;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data`. */
  verify(key: VerifyKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> | boolean;
}

/** True when two byte strings are equal. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url (RFC 4648 §5) of a big-endian unsigned integer without leading zeros, for JWK (RFC 7518 §2). */
export function base64UrlUint(b: Uint8Array): string {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let s = '';
  for (; i + 2 < b.length; i += 3) {
    const v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    s += BASE64URL[v >> 18] + BASE64URL[(v >> 12) & 63] + BASE64URL[(v >> 6) & 63] + BASE64URL[v & 63];
  }
  // RFC 4648 §4: a final one or two octets give two or three characters, unpadded here.
  const rest = b.length - i;
  if (rest > 0) {
    const v = (b[i] << 16) | (rest === 2 ? b[i + 1] << 8 : 0);
    s += BASE64URL[v >> 18] + BASE64URL[(v >> 12) & 63] + (rest === 2 ? BASE64URL[(v >> 6) & 63] : '');
  }
  return s;
}
