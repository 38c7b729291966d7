import { describe, expect, it } from 'vitest';
import { DerReader } from '../der/reader.ts';
import { hex } from '../der/values.ts';
import { sha1 } from '../x509/sha1.ts';
import { decodeSubjectPublicKeyInfo, exponentValue } from '../x509/spki.ts';
import { bytesToBigInt, extendKeyPool, fromBase64Url, generateKeyPool, KeyRing, keyCapacity, privateJwk, type KeyPoolData } from './keys.ts';
import { WEAK_KEY_POOL } from './weak-key-pool.ts';

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const subtle = globalThis.crypto.subtle;
type Bytes = Uint8Array<ArrayBuffer>;

function spkiOf(der: Uint8Array) {
  return decodeSubjectPublicKeyInfo(DerReader.of(der, 'spki').read());
}

describe('key pool', () => {
  it('is generated with WebCrypto, survives JSON and pairs its primes into keys', async () => {
    const pool = await generateKeyPool({ rsaKeys: 2, ecKeys: 1 });
    expect(pool.primes).toHaveLength(4);
    expect(pool.ec).toHaveLength(1);
    expect(keyCapacity(pool)).toBe(6);
    const copy = JSON.parse(JSON.stringify(pool)) as KeyPoolData;
    expect(copy).toEqual(pool);

    const ring = new KeyRing(copy, 'seed');
    const skis = new Set(Array.from({ length: 6 }, () => hex(ring.rsa().ski)));
    expect(skis.size).toBe(6);
    expect(() => ring.rsa()).toThrow(/yields only 6 keys/);

    const bigger = await extendKeyPool(pool, { rsaKeys: 1, ecKeys: 0 });
    expect(bigger.primes.slice(0, 4)).toEqual(pool.primes);
    expect(keyCapacity(bigger)).toBe(15);
  });

  it('makes RSA-2048 keys with e = 65537 whose SKI is the SHA-1 of the key bits (RFC 6487 §4.8.2)', () => {
    const ring = new KeyRing(WEAK_KEY_POOL, 'spki');
    for (let i = 0; i < 20; i++) {
      const key = ring.rsa();
      const spki = spkiOf(key.spki);
      expect(spki.publicKey.type).toBe('rsa');
      if (spki.publicKey.type !== 'rsa') return;
      expect(spki.publicKey.bits).toBe(2048);
      expect(exponentValue(spki.publicKey.exponent)).toBe(65537);
      expect(spki.algorithm.params).toBe('null');
      expect(hex(key.ski)).toBe(hex(sha1(spki.subjectPublicKey)));
    }
  });

  it('derives the private exponent and CRT parameters of RFC 8017 §3.2 from two pool primes', () => {
    const [p, q] = WEAK_KEY_POOL.primes.slice(3, 5).map((b) => bytesToBigInt(fromBase64Url(b)));
    const jwk = privateJwk(p, q);
    const big = (s: string | undefined) => bytesToBigInt(fromBase64Url(s!));
    const [n, e, d, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.dp, jwk.dq, jwk.qi].map(big);
    const gcd = (a: bigint, b: bigint): bigint => (b ? gcd(b, a % b) : a);
    const lambda = ((p - 1n) / gcd(p - 1n, q - 1n)) * (q - 1n);
    expect(n).toBe(p * q);
    expect(e).toBe(65537n);
    expect((e * d) % lambda).toBe(1n);
    expect(d < lambda).toBe(true);
    expect(dp).toBe(d % (p - 1n));
    expect(dq).toBe(d % (q - 1n));
    expect((qi * q) % p).toBe(1n);
    expect([big(jwk.p), big(jwk.q)]).toEqual([p, q]);
  });

  it('signs deterministically, and the signatures verify with the public key', async () => {
    const key = new KeyRing(WEAK_KEY_POOL, 'sign').rsa();
    const data = new TextEncoder().encode('RPKI Lens');
    const a = await key.sign(data);
    const b = await key.sign(data);
    expect(hex(a)).toBe(hex(b));
    expect(a).toHaveLength(256);
    const pub = await subtle.importKey('spki', key.spki as Bytes, RSA, false, ['verify']);
    expect(await subtle.verify(RSA, pub, a as Bytes, data)).toBe(true);
    const other = new TextEncoder().encode('RPKI Lenz');
    expect(await subtle.verify(RSA, pub, a as Bytes, other)).toBe(false);
  });

  it('hands out keys in an order fixed by the seed', () => {
    const order = (seed: string) => {
      const ring = new KeyRing(WEAK_KEY_POOL, seed);
      return Array.from({ length: 8 }, () => hex(ring.rsa().ski));
    };
    expect(order('one')).toEqual(order('one'));
    expect(order('one')).not.toEqual(order('two'));
    const ring = new KeyRing(WEAK_KEY_POOL, 'all');
    const all = new Set(Array.from({ length: keyCapacity(WEAK_KEY_POOL) }, () => hex(ring.rsa().ski)));
    expect(all.size).toBe(keyCapacity(WEAK_KEY_POOL));
  });

  it('makes P-256 public keys that WebCrypto imports (RFC 8608 §3.1)', async () => {
    const ring = new KeyRing(WEAK_KEY_POOL, 'ec');
    const key = ring.ec();
    const spki = spkiOf(key.spki);
    expect(spki.publicKey).toMatchObject({ type: 'ec', curve: 'P-256' });
    expect(spki.subjectPublicKey).toHaveLength(65);
    expect(hex(key.ski)).toBe(hex(sha1(spki.subjectPublicKey)));
    await expect(subtle.importKey('spki', key.spki as Bytes, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])).resolves.toBeDefined();
  });
});
