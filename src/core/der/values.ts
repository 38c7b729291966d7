/** Primitive value decoders over a Tlv, with the DER canonical-form checks of X.690 §10–11. */
import { Reject } from '../report/finding.ts';
import { Tag, tagName, type Tlv } from './reader.ts';

function nonCanonical(t: Tlv, type: string, reason: string): never {
  throw new Reject('der.value.non-canonical', { field: t.field, type, reason }, t.range);
}

function primitive(t: Tlv, type: string): void {
  if (t.constructed) t.reject('constructed form is not allowed', type);
}

/** X.690 §8.3: INTEGER, two's complement, minimal octets (§8.3.2). */
export function readBigInt(t: Tlv): bigint {
  primitive(t, 'INTEGER');
  const { buf, body, end } = t;
  if (end === body) t.reject('empty contents', 'INTEGER');
  if (end - body > 1 && ((buf[body] === 0 && buf[body + 1] < 0x80) || (buf[body] === 0xff && buf[body + 1] >= 0x80))) {
    nonCanonical(t, 'INTEGER', 'leading padding octet');
  }
  let v = 0n;
  for (let i = body; i < end; i++) v = (v << 8n) | BigInt(buf[i]);
  if (buf[body] & 0x80) v -= 1n << BigInt(8 * (end - body));
  return v;
}

/** An INTEGER that must fit in [min, max] (both within ±2^53). */
export function readInt(t: Tlv, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  primitive(t, 'INTEGER');
  const len = t.end - t.body;
  if (len === 0) t.reject('empty contents', 'INTEGER');
  if (len <= 6) {
    const { buf, body, end } = t;
    if (len > 1 && ((buf[body] === 0 && buf[body + 1] < 0x80) || (buf[body] === 0xff && buf[body + 1] >= 0x80))) {
      nonCanonical(t, 'INTEGER', 'leading padding octet');
    }
    let v = buf[body] & 0x80 ? -1 : 0; // two's complement: a negative value starts from all ones
    for (let i = body; i < end; i++) v = v * 256 + buf[i];
    if (v < min || v > max) throw new Reject('der.value.out-of-range', { field: t.field, value: v, range: `${min}..${max}` }, t.range);
    return v;
  }
  const big = readBigInt(t);
  if (big >= BigInt(min) && big <= BigInt(max)) return Number(big);
  throw new Reject('der.value.out-of-range', { field: t.field, value: big.toString(), range: `${min}..${max}` }, t.range);
}

/** An unsigned INTEGER as lowercase hex without leading zeros, e.g. a serial number. */
export function readSerialHex(t: Tlv): string {
  const v = readBigInt(t);
  return v < 0n ? `-${(-v).toString(16)}` : v.toString(16);
}

/** X.690 §8.2 / §11.1: BOOLEAN, DER TRUE is 0xFF. */
export function readBoolean(t: Tlv): boolean {
  primitive(t, 'BOOLEAN');
  if (t.length !== 1) t.reject(`length ${t.length}`, 'BOOLEAN');
  const b = t.buf[t.body];
  if (b !== 0 && b !== 0xff) nonCanonical(t, 'BOOLEAN', `TRUE encoded as 0x${b.toString(16)}`);
  return b === 0xff;
}

export function readNull(t: Tlv): void {
  if (t.tag !== Tag.NULL || t.length !== 0) t.reject('NULL must be empty', 'NULL');
}

export interface BitString {
  /** The octets after the unused-bits octet (a view into the object). */
  bytes: Uint8Array;
  unused: number;
  /** Number of significant bits. */
  bits: number;
}

/** X.690 §8.6 / §11.2: BIT STRING, primitive, unused bits zero. */
export function readBitString(t: Tlv): BitString {
  primitive(t, 'BIT STRING');
  if (t.length === 0) t.reject('no unused-bits octet', 'BIT STRING');
  const unused = t.buf[t.body];
  if (unused > 7 || (unused > 0 && t.length === 1)) t.reject(`unused bits ${unused}`, 'BIT STRING');
  const bytes = t.buf.subarray(t.body + 1, t.end);
  if (unused && bytes[bytes.length - 1] & ((1 << unused) - 1)) nonCanonical(t, 'BIT STRING', 'unused bits are not zero');
  return { bytes, unused, bits: bytes.length * 8 - unused };
}

/** X.690 §8.7 / §10.2 in DER, OCTET STRING; BER constructed strings are joined when BER is allowed. */
export function readOctets(t: Tlv): Uint8Array {
  if (!t.constructed) return t.content;
  if (!t.opts.ber) t.reject('constructed form is not allowed in DER', 'OCTET STRING');
  t.opts.findings?.once('der.ber.constructed-string', { field: t.field }, t.range);
  const parts: Uint8Array[] = [];
  const collect = (c: Tlv): void => {
    if ((c.tag & 0xdf) !== Tag.OCTET_STRING) c.reject(`segment tagged ${tagName(c.tag)}`, 'OCTET STRING');
    if (c.constructed) for (const s of c.children().each()) collect(s);
    else parts.push(c.content);
  };
  for (const s of t.children().each()) collect(s);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const oidCache = new Map<string, string>();

/** X.690 §8.19: OBJECT IDENTIFIER as dotted decimal; subidentifiers minimal (§8.19.2). */
export function readOid(t: Tlv): string {
  if (t.tag !== Tag.OID) t.reject('not an OBJECT IDENTIFIER', 'OBJECT IDENTIFIER');
  const { buf, body, end } = t;
  if (end === body) t.reject('empty contents', 'OBJECT IDENTIFIER');
  if (end - body <= 16) {
    let key = '';
    for (let i = body; i < end; i++) key += String.fromCharCode(buf[i]);
    const hit = oidCache.get(key);
    if (hit) return hit;
    const s = decodeOid(t);
    if (oidCache.size < 4096) oidCache.set(key, s);
    return s;
  }
  return decodeOid(t);
}

function decodeOid(t: Tlv): string {
  const { buf, body, end } = t;
  const parts: string[] = [];
  let v = 0;
  let first = true;
  for (let i = body; i < end; i++) {
    const b = buf[i];
    if (v === 0 && b === 0x80) t.reject('subidentifier with a leading 0x80', 'OBJECT IDENTIFIER');
    if (v > 2 ** 45) t.reject('subidentifier too large', 'OBJECT IDENTIFIER');
    v = v * 128 + (b & 0x7f);
    if (b & 0x80) {
      if (i === end - 1) t.reject('last subidentifier unterminated', 'OBJECT IDENTIFIER');
      continue;
    }
    if (first) {
      const a = v < 40 ? 0 : v < 80 ? 1 : 2;
      parts.push(String(a), String(v - 40 * a));
      first = false;
    } else parts.push(String(v));
    v = 0;
  }
  return parts.join('.');
}

function digits(buf: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ (YY < 50 → 20YY) or GeneralizedTime YYYYMMDDHHMMSSZ.
 * Returns Unix seconds.
 */
export function readTime(t: Tlv): number {
  const { buf, body } = t;
  let year: number;
  let at: number;
  let type: string;
  if (t.tag === Tag.UTCTime && t.length === 13) {
    type = 'UTCTime';
    const yy = digits(buf, body, 2);
    year = yy < 0 ? -1 : yy < 50 ? 2000 + yy : 1900 + yy;
    at = body + 2;
  } else if (t.tag === Tag.GeneralizedTime && t.length === 15) {
    type = 'GeneralizedTime';
    year = digits(buf, body, 4);
    at = body + 4;
  } else {
    throw new Reject('der.time.invalid', { field: t.field, value: latin1(t.content, 0, 64), type: tagName(t.tag) }, t.range);
  }
  const month = digits(buf, at, 2);
  const day = digits(buf, at + 2, 2);
  const hour = digits(buf, at + 4, 2);
  const min = digits(buf, at + 6, 2);
  const sec = digits(buf, at + 8, 2);
  const ms = Date.UTC(year, month - 1, day, hour, min, sec);
  const d = new Date(ms);
  if (
    year < 0 || month < 1 || day < 1 || hour < 0 || min < 0 || sec < 0 || buf[at + 10] !== 0x5a ||
    d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || min > 59 || sec > 59
  ) {
    throw new Reject('der.time.invalid', { field: t.field, value: latin1(t.content, 0, 64), type }, t.range);
  }
  return ms / 1000;
}

/** IA5String (ASCII, X.680 §41): URIs in RPKI. Rejects bytes ≥ 0x80. */
export function readIa5(t: Tlv): string {
  primitive(t, 'IA5String');
  const { buf, body, end } = t;
  for (let i = body; i < end; i++) {
    if (buf[i] >= 0x80) t.reject(`non-ASCII byte 0x${buf[i].toString(16)} at ${i - body}`, 'IA5String');
  }
  return latin1(buf, body, end);
}

/**
 * Bytes as Latin-1 text (ASCII included), built from a few thousand characters at a time: appending one character
 * at a time builds a chain of string pieces, flattened again on first use; a whole hostile string as arguments of
 * one call would overflow the stack.
 */
function latin1(buf: Uint8Array, start = 0, end = buf.length): string {
  let s = '';
  const stop = Math.min(end, buf.length);
  for (let i = start; i < stop; i += 4096) s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(stop, i + 4096)) as unknown as number[]);
  return s;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A directory string (PrintableString, UTF8String, IA5String…) as text; invalid UTF-8 is rejected. */
export function readString(t: Tlv): string {
  primitive(t, tagName(t.tag));
  switch (t.tag) {
    case Tag.UTF8String:
      try {
        return utf8.decode(t.content);
      } catch {
        return t.reject('invalid UTF-8', 'UTF8String');
      }
    case Tag.PrintableString:
    case Tag.IA5String:
    case Tag.VisibleString:
    case Tag.TeletexString:
      return latin1(t.content);
    case Tag.BMPString: {
      const c = t.content;
      if (c.length % 2) t.reject('odd length', 'BMPString');
      let s = '';
      for (let i = 0; i < c.length; i += 2) s += String.fromCharCode((c[i] << 8) | c[i + 1]);
      return s;
    }
    default:
      return t.reject('not a string type', tagName(t.tag));
  }
}

/** Lowercase hex of a byte string. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]];
  return s;
}
