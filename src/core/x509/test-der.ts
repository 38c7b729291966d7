/**
 * Test support only (never imported by the app): a minimal DER encoder (X.690 §10) for crafted negatives, so that
 * tests can build a certificate or CRL with exactly one defect.
 */
type Part = Uint8Array | readonly number[];

function concat(parts: readonly Part[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function length(n: number): number[] {
  if (n < 0x80) return [n];
  const b: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v & 0xff);
  return [0x80 | b.length, ...b];
}

export function tlv(tag: number, ...content: Part[]): Uint8Array {
  const body = concat(content);
  return concat([[tag], length(body.length), body]);
}

export const seq = (...c: Part[]) => tlv(0x30, ...c);
export const set = (...c: Part[]) => tlv(0x31, ...c);
/** [n] constructed (EXPLICIT or an IMPLICIT constructed type). */
export const ctxc = (n: number, ...c: Part[]) => tlv(0xa0 | n, ...c);
/** [n] primitive (IMPLICIT primitive type). */
export const ctxp = (n: number, ...c: Part[]) => tlv(0x80 | n, ...c);
export const nul = () => tlv(0x05);
export const bool = (b: boolean) => tlv(0x01, [b ? 0xff : 0]);
export const octets = (b: Part) => tlv(0x04, b);
export const bits = (b: Part, unused = 0) => tlv(0x03, [unused], b);
export const ia5 = (s: string) => tlv(0x16, new TextEncoder().encode(s));
export const printable = (s: string) => tlv(0x13, new TextEncoder().encode(s));
export const utf8 = (s: string) => tlv(0x0c, new TextEncoder().encode(s));

/** INTEGER in minimal two's complement. */
export function int(v: number | bigint): Uint8Array {
  let n = BigInt(v);
  const b: number[] = [];
  for (;;) {
    b.unshift(Number(n & 0xffn));
    const rest = n >> 8n;
    const sign = b[0] & 0x80;
    if ((rest === 0n && !sign) || (rest === -1n && sign)) break;
    n = rest;
  }
  return tlv(0x02, b);
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  const push = (v: number) => {
    const b = [v & 0x7f];
    for (v = Math.floor(v / 128); v > 0; v = Math.floor(v / 128)) b.unshift(0x80 | (v & 0x7f));
    out.push(...b);
  };
  push(arcs[0] * 40 + arcs[1]);
  for (const a of arcs.slice(2)) push(a);
  return tlv(0x06, out);
}

/** UTCTime (before 2050) or GeneralizedTime, from an ISO date "YYYY-MM-DDTHH:MM:SSZ". */
export function time(iso: string, generalized = iso >= '2050'): Uint8Array {
  const d = iso.replace(/[-:T]/g, '').replace(/\.\d+/, '');
  return generalized ? tlv(0x18, new TextEncoder().encode(d)) : tlv(0x17, new TextEncoder().encode(d.slice(2)));
}
