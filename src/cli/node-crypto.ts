/**
 * RpkiCrypto for Node, on node:crypto without WebCrypto's per-call overhead: SHA-256 and RSA verification run
 * synchronously in OpenSSL (the walk runs on worker threads for parallelism), and keys are imported from JWK
 * (n, e), which costs ≈14 µs against ≈245 µs for the same key as SPKI DER in Node 20.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { base64UrlUint, type PublicKey, type RpkiCrypto, type VerifyKey } from '../core/crypto/crypto.ts';

export function nodeCrypto(): RpkiCrypto {
  return {
    sha256(data) {
      return createHash('sha256').update(data).digest();
    },
    async importKey(_spki: Uint8Array, key: PublicKey): Promise<VerifyKey> {
      if (key.type !== 'rsa') throw new Error(`no signature of an RPKI object uses a ${key.type} key`);
      return createPublicKey({ key: { kty: 'RSA', n: base64UrlUint(key.modulus), e: base64UrlUint(key.exponent) }, format: 'jwk' });
    },
    verify(key: VerifyKey, signature: Uint8Array, data: Uint8Array) {
      return verify('sha256', data, key as KeyObject, signature);
    },
  };
}
