import { describe, expect, it } from 'vitest';
import { base64UrlUint } from './crypto.ts';

describe('base64UrlUint', () => {
  it('encodes the usual RSA exponent as JWK does (RFC 7518 §6.3.1.2)', () => {
    expect(base64UrlUint(new Uint8Array([0x01, 0x00, 0x01]))).toBe('AQAB');
    expect(base64UrlUint(new Uint8Array([0x00, 0x01, 0x00, 0x01]))).toBe('AQAB');
  });

  it('equals unpadded base64url of the value without leading zeros, whatever the length', () => {
    let seed = 7;
    const byte = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (const n of [1, 2, 3, 4, 5, 6, 255, 256, 257, 258]) {
      const b = Uint8Array.from({ length: n }, byte);
      b[0] = 0;
      if (n > 2) b[1] = 0;
      let lead = 0;
      while (lead < n - 1 && b[lead] === 0) lead++;
      expect(base64UrlUint(b)).toBe(Buffer.from(b.subarray(lead)).toString('base64url'));
    }
  });

  it('keeps one zero octet for the value zero', () => {
    expect(base64UrlUint(new Uint8Array([0, 0, 0]))).toBe('AA');
  });
});
