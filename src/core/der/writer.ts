/**
 * A small DER encoder (ITU-T X.690 §10–11), the inverse of ./reader.ts. Values are built as a tree of nodes that
 * know their encoded size, so a whole structure is written into one buffer by `encode` with a single allocation.
 *
 *   identifier octets: the low-tag-number form (X.690 §8.1.2.2), as RPKI uses no tag above 30
 *   length octets:     the definite form, short when below 128, else long with the fewest octets (§10.1)
 *   contents octets:   canonical per type (§11): minimal INTEGERs, BOOLEAN TRUE as FF, primitive strings,
 *                      SET OF in ascending order of the encodings (§11.6)
 */
import { Tag } from './reader.ts';

/** A value ready to be written: its identifier and length octets are computed from `contentLength`. */
export type DerNode = Primitive | Constructed | Raw;

interface Primitive {
  kind: 'primitive';
  tag: number;
  content: Uint8Array;
  size: number;
}

interface Constructed {
  kind: 'constructed';
  tag: number;
  children: readonly DerNode[];
  contentLength: number;
  size: number;
}

/** Bytes that are already one or more whole TLVs, e.g. a signed TBSCertificate. */
interface Raw {
  kind: 'raw';
  bytes: Uint8Array;
  size: number;
}

function lengthOctets(n: number): number {
  if (n < 0x80) return 1;
  let k = 1;
  while (n >= 256 ** k) k++;
  return 1 + k;
}

function primitive(tag: number, content: Uint8Array): Primitive {
  return { kind: 'primitive', tag, content, size: 1 + lengthOctets(content.length) + content.length };
}

/** A constructed value (SEQUENCE, SET, [n] EXPLICIT, …) over `children` in the given order. */
export function constructed(tag: number, children: readonly DerNode[]): DerNode {
  let contentLength = 0;
  for (const c of children) contentLength += c.size;
  return { kind: 'constructed', tag: tag | 0x20, children, contentLength, size: 1 + lengthOctets(contentLength) + contentLength };
}

export function sequence(...children: DerNode[]): DerNode {
  return constructed(Tag.SEQUENCE, children);
}

/** SET (not SET OF): DER orders the components by tag (X.690 §10.3); RPKI only ever uses SET OF. */
export function setOf(...children: DerNode[]): DerNode {
  return constructed(Tag.SET, sortedEncodings(children));
}

/** X.690 §11.6: the components of a SET OF in ascending order of their encodings, compared as octet strings. */
function sortedEncodings(children: readonly DerNode[]): DerNode[] {
  if (children.length < 2) return [...children];
  const encoded = children.map(encode);
  encoded.sort(compareOctets);
  return encoded.map(raw);
}

function compareOctets(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  // §11.6: the shorter is padded with trailing zero octets, so a prefix sorts first.
  return a.length - b.length;
}

/** Already encoded TLVs, written as they are. */
export function raw(bytes: Uint8Array): DerNode {
  return { kind: 'raw', bytes, size: bytes.length };
}

/** [n] EXPLICIT: a constructed context tag around the whole inner value. */
export function explicit(n: number, inner: DerNode): DerNode {
  return constructed(0xa0 | n, [inner]);
}

/**
 * [n] IMPLICIT: the inner value's identifier replaced by the context tag, keeping its form (X.690 §8.14.3).
 * A raw inner value must be a single TLV.
 */
export function implicit(n: number, inner: DerNode): DerNode {
  switch (inner.kind) {
    case 'primitive':
      return primitive(0x80 | n, inner.content);
    case 'constructed':
      return constructed(0xa0 | n, inner.children);
    case 'raw': {
      const bytes = inner.bytes.slice();
      bytes[0] = (bytes[0] & 0x20) | 0x80 | n;
      return raw(bytes);
    }
  }
}

/** X.690 §8.3: INTEGER in the fewest two's-complement octets. */
export function integer(value: bigint | number): DerNode {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    if (value >= -128 && value < 128) return primitive(Tag.INTEGER, Uint8Array.of(value & 0xff));
    value = BigInt(value);
  }
  return primitive(Tag.INTEGER, twosComplement(value));
}

function twosComplement(v: bigint): Uint8Array {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0xffn);
    out.push(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out.reverse());
}

/** An unsigned big-endian magnitude as a positive INTEGER (a zero octet is prefixed when the top bit is set). */
export function unsignedInteger(magnitude: Uint8Array): DerNode {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  if (m.length === 0) return integer(0);
  if (m[0] & 0x80) {
    const content = new Uint8Array(m.length + 1);
    content.set(m, 1);
    return primitive(Tag.INTEGER, content);
  }
  return primitive(Tag.INTEGER, m.slice());
}

/** X.690 §8.2, §11.1: BOOLEAN, TRUE as FF. */
export function boolean(value: boolean): DerNode {
  return primitive(Tag.BOOLEAN, Uint8Array.of(value ? 0xff : 0));
}

export function nul(): DerNode {
  return primitive(Tag.NULL, new Uint8Array(0));
}

/** X.690 §8.6, §11.2: BIT STRING with `unused` trailing bits (0–7) in the last octet, which must be zero. */
export function bitString(bytes: Uint8Array, unused = 0): DerNode {
  if (unused < 0 || unused > 7 || (unused && bytes.length === 0)) throw new RangeError(`bad unused bit count ${unused}`);
  if (unused && bytes[bytes.length - 1] & ((1 << unused) - 1)) throw new RangeError('unused bits must be zero in DER');
  const content = new Uint8Array(bytes.length + 1);
  content[0] = unused;
  content.set(bytes, 1);
  return primitive(Tag.BIT_STRING, content);
}

/**
 * A named-bit BIT STRING (X.690 §11.2.2): bit 0 is the most significant bit of the first octet and trailing zero
 * bits are dropped, e.g. KeyUsage.
 */
export function namedBits(bits: readonly number[]): DerNode {
  if (bits.length === 0) return bitString(new Uint8Array(0));
  const last = Math.max(...bits);
  const bytes = new Uint8Array((last >> 3) + 1);
  for (const b of bits) bytes[b >> 3] |= 0x80 >> (b & 7);
  return bitString(bytes, 7 - (last & 7));
}

export function octetString(bytes: Uint8Array): DerNode {
  return primitive(Tag.OCTET_STRING, bytes);
}

const oidCache = new Map<string, Primitive>();

/** X.690 §8.19: OBJECT IDENTIFIER from dotted decimal, each subidentifier in base 128, fewest octets. */
export function oid(dotted: string): DerNode {
  let node = oidCache.get(dotted);
  if (!node) {
    node = primitive(Tag.OID, oidContent(dotted));
    if (oidCache.size < 1024) oidCache.set(dotted, node);
  }
  return node;
}

function oidContent(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => {
    if (!/^(0|[1-9]\d*)$/.test(a)) throw new RangeError(`bad OID "${dotted}"`);
    return Number(a);
  });
  if (arcs.length < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) throw new RangeError(`bad OID "${dotted}"`);
  const out: number[] = [];
  const push = (v: number) => {
    if (!Number.isSafeInteger(v)) throw new RangeError(`bad OID "${dotted}"`);
    const start = out.length;
    out.push(v % 128);
    for (v = Math.floor(v / 128); v > 0; v = Math.floor(v / 128)) out.splice(start, 0, 0x80 | v % 128);
  };
  push(arcs[0] * 40 + arcs[1]);
  for (let i = 2; i < arcs.length; i++) push(arcs[i]);
  return Uint8Array.from(out);
}

function ascii(s: string, type: string, allowed: (c: number) => boolean): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!allowed(c)) throw new RangeError(`character ${JSON.stringify(s[i])} is not allowed in a ${type}`);
    out[i] = c;
  }
  return out;
}

/** IA5String: ASCII (X.680 §41). */
export function ia5String(s: string): DerNode {
  return primitive(Tag.IA5String, ascii(s, 'IA5String', (c) => c < 0x80));
}

const PRINTABLE = /[A-Za-z0-9 '()+,\-./:=?]/;

/** PrintableString (X.680 §41.4): letters, digits, space and '()+,-./:=? */
export function printableString(s: string): DerNode {
  return primitive(Tag.PrintableString, ascii(s, 'PrintableString', (c) => PRINTABLE.test(String.fromCharCode(c))));
}

export function isPrintable(s: string): boolean {
  for (const ch of s) if (!PRINTABLE.test(ch)) return false;
  return true;
}

const utf8 = new TextEncoder();

export function utf8String(s: string): DerNode {
  return primitive(Tag.UTF8String, utf8.encode(s));
}

function digits(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function timeText(seconds: number, yearDigits: 2 | 4): Uint8Array {
  if (!Number.isInteger(seconds)) throw new RangeError(`not whole seconds: ${seconds}`);
  const d = new Date(seconds * 1000);
  const year = d.getUTCFullYear();
  const y = yearDigits === 2 ? digits(year % 100, 2) : digits(year, 4);
  const s = `${y}${digits(d.getUTCMonth() + 1, 2)}${digits(d.getUTCDate(), 2)}${digits(d.getUTCHours(), 2)}${digits(d.getUTCMinutes(), 2)}${digits(d.getUTCSeconds(), 2)}Z`;
  return utf8.encode(s);
}

/** UTCTime YYMMDDHHMMSSZ for the years 1950–2049 (RFC 5280 §4.1.2.5.1). */
export function utcTime(seconds: number): DerNode {
  const year = new Date(seconds * 1000).getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError(`UTCTime cannot hold the year ${year}`);
  return primitive(Tag.UTCTime, timeText(seconds, 2));
}

/** GeneralizedTime YYYYMMDDHHMMSSZ, no fractional seconds (RFC 5280 §4.1.2.5.2). */
export function generalizedTime(seconds: number): DerNode {
  const year = new Date(seconds * 1000).getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`GeneralizedTime cannot hold the year ${year}`);
  return primitive(Tag.GeneralizedTime, timeText(seconds, 4));
}

/** RFC 5280 §4.1.2.5 Time: UTCTime through 2049, GeneralizedTime from 2050 on. */
export function time(seconds: number): DerNode {
  const year = new Date(seconds * 1000).getUTCFullYear();
  return year >= 1950 && year < 2050 ? utcTime(seconds) : generalizedTime(seconds);
}

/** The DER of a node: one buffer, written once. */
export function encode(node: DerNode): Uint8Array {
  if (node.kind === 'raw') return node.bytes;
  const out = new Uint8Array(node.size);
  write(node, out, 0);
  return out;
}

function write(node: DerNode, out: Uint8Array, at: number): number {
  if (node.kind === 'raw') {
    out.set(node.bytes, at);
    return at + node.size;
  }
  out[at++] = node.tag;
  const n = node.kind === 'primitive' ? node.content.length : node.contentLength;
  if (n < 0x80) out[at++] = n;
  else {
    const k = lengthOctets(n) - 1;
    out[at++] = 0x80 | k;
    for (let i = k - 1; i >= 0; i--) out[at++] = Math.floor(n / 256 ** i) % 256;
  }
  if (node.kind === 'primitive') {
    out.set(node.content, at);
    return at + n;
  }
  for (const c of node.children) at = write(c, out, at);
  return at;
}
