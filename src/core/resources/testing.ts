/** Test-only DER builders for crafted resource extensions (definite lengths, no checks: tests build bad input too). */
import { DER, DerReader, Tag, ctx, type Tlv } from '../der/reader.ts';

export function tlv(tag: number, ...parts: (Uint8Array | number[])[]): Uint8Array {
  const body = parts.flatMap((p) => [...p]);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 255] : [0x83, n >> 16, (n >> 8) & 255, n & 255];
  return new Uint8Array([tag, ...len, ...body]);
}

export const seq = (...parts: Uint8Array[]) => tlv(Tag.SEQUENCE, ...parts);
export const nul = () => tlv(Tag.NULL);
export const octets = (...b: number[]) => tlv(Tag.OCTET_STRING, b);
/** BIT STRING with `unused` trailing bits in the last of `bytes`. */
export const bits = (unused: number, ...bytes: number[]) => tlv(Tag.BIT_STRING, [unused, ...bytes]);
export const explicit = (n: number, ...parts: Uint8Array[]) => tlv(ctx(n), ...parts);

/** Minimal two's-complement INTEGER. */
export function int(v: number | bigint): Uint8Array {
  let x = BigInt(v);
  const out: number[] = [];
  do {
    out.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (!(x === 0n && (out[0] & 0x80) === 0) && !(x === -1n && (out[0] & 0x80) !== 0));
  return tlv(Tag.INTEGER, out);
}

/** The one TLV in `bytes`. */
export function parse(bytes: Uint8Array): Tlv {
  return DerReader.of(bytes, 'test', DER).read();
}
