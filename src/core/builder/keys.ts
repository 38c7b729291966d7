/**
 * Keys for the repository builder: RSA-2048 with e = 65,537 (RFC 7935 §3) for every RPKI signature, and P-256
 * public keys (RFC 8608 §3.1) for BGPsec router certificates.
 *
 * WEAK TEST KEYS — NEVER USE THEM FOR ANYTHING REAL. Generating thousands of RSA keys takes minutes, so a pool of
 * primes is taken from a few WebCrypto keys and every pair of pool primes (p, q) makes one more key n = p·q. Keys
 * from the same pool share primes: anyone holding two of them factors both with one gcd, and the pool itself is
 * private-key material that is published. They exist to build test repositories fast and reproducibly.
 *
 * RFC 8017 §3.2: d = e⁻¹ mod λ(n), λ(n) = lcm(p − 1, q − 1); dP = d mod (p − 1), dQ = d mod (q − 1),
 * qInv = q⁻¹ mod p. A key is handed to WebCrypto as a JWK (RFC 7518 §6.3.2) and signs RSASSA-PKCS1-v1_5 with
 * SHA-256, which is deterministic: the same key and data give the same signature.
 */
import { base64UrlUint } from '../crypto/crypto.ts';
import { RSA_ENCRYPTION, EC_PUBLIC_KEY, SECP256R1 } from '../x509/algorithm.ts';
import { sha1 } from '../x509/sha1.ts';
import { bitString, encode, integer, nul, oid, sequence, unsignedInteger } from '../der/writer.ts';
import { Random } from './random.ts';

/** A key pool as JSON: what a Node script caches on disk or a page embeds. */
export interface KeyPoolData {
  format: 'rpki-lens-weak-key-pool/1';
  /** 1024-bit primes of WebCrypto RSA-2048 keys (e = 65,537), big-endian, base64url. */
  primes: string[];
  /** P-256 public keys (JWK x and y, base64url) for BGPsec router certificates. */
  ec: { x: string; y: string }[];
}

type Bytes = Uint8Array<ArrayBuffer>;

const RSA_PARAMS = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const E = 65537n;

/** Generates a pool from `rsaKeys` fresh WebCrypto keys (two primes each) and `ecKeys` P-256 keys. */
export async function generateKeyPool(
  counts: { rsaKeys: number; ecKeys: number },
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<KeyPoolData> {
  return extendKeyPool({ format: 'rpki-lens-weak-key-pool/1', primes: [], ec: [] }, counts, subtle);
}

/** A copy of `pool` with `rsaKeys` more WebCrypto keys' primes and `ecKeys` more P-256 keys. */
export async function extendKeyPool(
  pool: KeyPoolData,
  counts: { rsaKeys: number; ecKeys: number },
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<KeyPoolData> {
  const rsa = Array.from({ length: counts.rsaKeys }, async () => {
    const pair = await subtle.generateKey(
      { ...RSA_PARAMS, modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1) },
      true,
      ['sign', 'verify'],
    );
    const jwk = await subtle.exportKey('jwk', pair.privateKey);
    return [jwk.p!, jwk.q!];
  });
  const ec = Array.from({ length: counts.ecKeys }, async () => {
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const jwk = await subtle.exportKey('jwk', pair.publicKey);
    return { x: jwk.x!, y: jwk.y! };
  });
  return { format: pool.format, primes: [...pool.primes, ...(await Promise.all(rsa)).flat()], ec: [...pool.ec, ...(await Promise.all(ec))] };
}

/** How many distinct RSA keys a pool yields: one per pair of primes. */
export function keyCapacity(pool: KeyPoolData): number {
  const n = pool.primes.length;
  return (n * (n - 1)) / 2;
}

export interface RsaKey {
  /** The SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, rsaEncryption with NULL parameters). */
  spki: Uint8Array;
  /** SHA-1 of the subjectPublicKey bits (RFC 6487 §4.8.2). */
  ski: Uint8Array;
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface EcPublicKey {
  /** id-ecPublicKey on secp256r1 with the uncompressed point (RFC 5480 §2). */
  spki: Uint8Array;
  ski: Uint8Array;
}

/**
 * Hands out distinct keys from a pool in an order fixed by `seed`: the pairs of pool primes, shuffled. Keys are
 * allocated synchronously (so the order of allocation alone fixes which key goes where) and imported into WebCrypto
 * on their first signature.
 */
export class KeyRing {
  private readonly primes: bigint[];
  private readonly pairs: [number, number][] = [];
  private next = 0;
  private nextEc = 0;

  constructor(
    readonly pool: KeyPoolData,
    seed: string,
    private readonly subtle: SubtleCrypto = globalThis.crypto.subtle,
  ) {
    if (pool.format !== 'rpki-lens-weak-key-pool/1') throw new Error(`unknown key pool format ${String(pool.format)}`);
    this.primes = pool.primes.map((p) => bytesToBigInt(fromBase64Url(p)));
    for (let i = 0; i < this.primes.length; i++) {
      for (let j = i + 1; j < this.primes.length; j++) this.pairs.push([i, j]);
    }
    new Random(`${seed}/keys`).shuffle(this.pairs);
  }

  /** Keys handed out so far. */
  get used(): number {
    return this.next;
  }

  /** The next RSA-2048 key; throws when the pool has no pair left. */
  rsa(): RsaKey {
    for (;;) {
      if (this.next >= this.pairs.length) {
        throw new Error(`the key pool (${this.primes.length} primes) yields only ${this.pairs.length} keys; extend it with extendKeyPool`);
      }
      const [i, j] = this.pairs[this.next++];
      const key = rsaKey(this.primes[i], this.primes[j], this.subtle);
      if (key) return key;
    }
  }

  /** The next P-256 public key; the pool's keys are reused in turn when there are fewer than routers. */
  ec(): EcPublicKey {
    if (this.pool.ec.length === 0) throw new Error('the key pool has no P-256 keys');
    const { x, y } = this.pool.ec[this.nextEc++ % this.pool.ec.length];
    const point = new Uint8Array(65);
    point[0] = 0x04;
    point.set(fromBase64Url(x), 1);
    point.set(fromBase64Url(y), 33);
    const spki = encode(sequence(sequence(oid(EC_PUBLIC_KEY), oid(SECP256R1)), bitString(point)));
    return { spki, ski: sha1(point) };
  }
}

/** The key n = p·q, or undefined when n is not exactly 2048 bits. */
function rsaKey(p: bigint, q: bigint, subtle: SubtleCrypto): RsaKey | undefined {
  const n = p * q;
  if (n.toString(2).length !== 2048) return undefined;
  const rsaPublicKey = encode(sequence(unsignedInteger(bigIntToBytes(n)), integer(E)));
  const spki = encode(sequence(sequence(oid(RSA_ENCRYPTION), nul()), bitString(rsaPublicKey)));
  let imported: Promise<CryptoKey> | undefined;
  const privateKey = () => {
    imported ??= subtle.importKey('jwk', privateJwk(p, q), RSA_PARAMS, false, ['sign']);
    return imported;
  };
  return {
    spki,
    ski: sha1(rsaPublicKey),
    async sign(data) {
      return new Uint8Array(await subtle.sign(RSA_PARAMS, await privateKey(), data as Bytes));
    },
  };
}

/** The private key (p, q) as a JWK (RFC 7518 §6.3.2) with the CRT parameters of RFC 8017 §3.2. */
export function privateJwk(p: bigint, q: bigint): JsonWebKey {
  const d = inverseOfE(lcm(p - 1n, q - 1n));
  const b = (v: bigint) => base64UrlUint(bigIntToBytes(v));
  return {
    kty: 'RSA',
    n: b(p * q),
    e: b(E),
    d: b(d),
    p: b(p),
    q: b(q),
    dp: b(d % (p - 1n)),
    dq: b(d % (q - 1n)),
    qi: b(modInverse(q, p)),
    alg: 'RS256',
    ext: false,
  };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/**
 * e⁻¹ mod λ without a 2048-bit Euclid, as e is small: with k ≡ −λ⁻¹ (mod e), e·d = 1 + k·λ, so d = (1 + k·λ) / e,
 * and 0 < d < λ because 0 ≤ k < e.
 */
function inverseOfE(lambda: bigint): bigint {
  const e = Number(E);
  const k = (e - smallInverse(Number(lambda % E), e)) % e;
  return (1n + BigInt(k) * lambda) / E;
}

/** a⁻¹ mod m for small numbers (m < 2^26, so products stay exact). */
function smallInverse(a: number, m: number): number {
  let [r0, r1, s0, s1] = [a, m, 1, 0];
  while (r1) {
    const k = Math.floor(r0 / r1);
    [r0, r1, s0, s1] = [r1, r0 - k * r1, s1, s0 - k * s1];
  }
  if (r0 !== 1) throw new Error('e divides λ(n): not a usable RSA key');
  return ((s0 % m) + m) % m;
}

/** a⁻¹ mod m by the extended Euclidean algorithm; a and m coprime. */
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1) {
    const k = r0 / r1;
    [r0, r1] = [r1, r0 - k * r1];
    [s0, s1] = [s1, s0 - k * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return ((s0 % m) + m) % m;
}

export function bytesToBigInt(b: Uint8Array): bigint {
  let hex = '0x0';
  for (const x of b) hex += (x < 16 ? '0' : '') + x.toString(16);
  return BigInt(hex);
}

/** Big-endian, the fewest octets (one zero octet for 0). */
export function bigIntToBytes(v: bigint): Uint8Array {
  const hex = v.toString(16);
  const odd = hex.length % 2;
  const out = new Uint8Array((hex.length + odd) / 2);
  const nibble = (i: number) => {
    const c = hex.charCodeAt(i);
    return c <= 57 ? c - 48 : c - 87; // '0'–'9', 'a'–'f'
  };
  if (odd) out[0] = nibble(0);
  for (let i = odd, j = odd; i < hex.length; i += 2, j++) out[j] = (nibble(i) << 4) | nibble(i + 1);
  return out;
}

export function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Base64url without padding (RFC 4648 §5), e.g. for file names derived from a key identifier. */
export function toBase64Url(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
