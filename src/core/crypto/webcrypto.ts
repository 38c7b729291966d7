/** RpkiCrypto on WebCrypto (browsers, workers; also Node's globalThis.crypto). */
import type { PublicKey, RpkiCrypto, VerifyKey } from './crypto.ts';

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

// WebCrypto honours a view's offset and length; the casts only satisfy the ArrayBuffer-vs-shared typing.
type Bytes = Uint8Array<ArrayBuffer>;

export function webCrypto(subtle: SubtleCrypto = globalThis.crypto.subtle): RpkiCrypto {
  return {
    async sha256(data) {
      return new Uint8Array(await subtle.digest('SHA-256', data as Bytes));
    },
    async importKey(spki: Uint8Array, key: PublicKey): Promise<VerifyKey> {
      if (key.type !== 'rsa') throw new Error(`no signature of an RPKI object uses a ${key.type} key`);
      return subtle.importKey('spki', spki as Bytes, RSA, false, ['verify']);
    },
    async verify(key: VerifyKey, signature: Uint8Array, data: Uint8Array) {
      return subtle.verify(RSA, key as CryptoKey, signature as Bytes, data as Bytes);
    },
  };
}
