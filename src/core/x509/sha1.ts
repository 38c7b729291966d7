/**
 * SHA-1 (FIPS 180-4 §6.1), synchronous, for the key identifiers of RFC 6487 §4.8.2 (RFC 5280 §4.2.1.2 method 1).
 * Key identifiers are not a security function, so a small synchronous hash here is preferable to an async
 * WebCrypto round trip inside a profile check. Signatures and content hashes go through WebCrypto.
 */
/** §5.3.1: the initial hash value. */
const INITIAL = new Int32Array([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0]);
/**
 * The message schedule, the running state and the last one or two blocks, padded (FIPS 180-4 §5.1.1): reused, so
 * hashing allocates only its result.
 */
const W = new Int32Array(80);
const state = new Int32Array(5);
const TAIL = new Uint8Array(128);
const tailView = new DataView(TAIL.buffer);

export function sha1(data: Uint8Array): Uint8Array {
  state.set(INITIAL);
  const full = data.length & ~63;
  for (let off = 0; off < full; off += 64) block(data, off);
  // §5.1.1: append 0x80, zeros, and the message length in bits (big-endian) to a multiple of 64 octets.
  const rest = data.length - full;
  const tailLength = rest + 9 > 64 ? 128 : 64;
  TAIL.fill(0, 0, tailLength);
  TAIL.set(data.subarray(full), 0);
  TAIL[rest] = 0x80;
  const bits = data.length * 8;
  tailView.setUint32(tailLength - 8, Math.floor(bits / 2 ** 32));
  tailView.setUint32(tailLength - 4, bits >>> 0);
  for (let off = 0; off < tailLength; off += 64) block(TAIL, off);
  const out = new Uint8Array(20);
  for (let i = 0; i < 5; i++) {
    const v = state[i];
    out[4 * i] = v >>> 24;
    out[4 * i + 1] = v >>> 16;
    out[4 * i + 2] = v >>> 8;
    out[4 * i + 3] = v;
  }
  return out;
}

/** §6.1.2: one 64-octet block into the running state. */
function block(m: Uint8Array, off: number): void {
  for (let t = 0; t < 16; t++) {
    const o = off + 4 * t;
    W[t] = (m[o] << 24) | (m[o + 1] << 16) | (m[o + 2] << 8) | m[o + 3];
  }
  for (let t = 16; t < 80; t++) {
    const x = W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16];
    W[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  // §6.1.2 step 3, the four groups of 20 rounds with their f and K (§4.1.1, §4.2.1).
  for (let t = 0; t < 20; t++) {
    const temp = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + W[t]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  for (let t = 20; t < 40; t++) {
    const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + W[t]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  for (let t = 40; t < 60; t++) {
    const temp = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + W[t]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  for (let t = 60; t < 80; t++) {
    const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + W[t]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
}
