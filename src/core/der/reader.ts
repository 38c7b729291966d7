/**
 * A lean, zero-copy reader for DER (ITU-T X.690 §10) that keeps byte offsets for findings. It accepts the BER
 * forms production validators tolerate in the CMS wrapper (indefinite lengths, constructed strings) only when
 * the caller allows BER, and reports each such use. Values are read by the functions in ./values.ts.
 */
import { Reject, type ByteRange, type Findings } from '../report/finding.ts';

/** How strictly to read: DER everywhere, or BER tolerated (CMS wrapper, RFC 6488 §2.1 in practice). */
export interface DerOptions {
  ber: boolean;
  /** Receives one warning per BER feature met; absent when nobody listens. */
  findings?: Findings;
}

export const DER: DerOptions = { ber: false };

/** Identifier octets (X.690 §8.1.2) for the low tag numbers RPKI uses; context tags via ctx(). */
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8String: 0x0c,
  PrintableString: 0x13,
  TeletexString: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  VisibleString: 0x1a,
  UniversalString: 0x1c,
  BMPString: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag [n]; constructed unless `primitive`. */
export function ctx(n: number, primitive = false): number {
  return (primitive ? 0x80 : 0xa0) | n;
}

const tagNames: Record<number, string> = Object.fromEntries(Object.entries(Tag).map(([k, v]) => [v, k]));

export function tagName(tag: number): string {
  if (tagNames[tag]) return tagNames[tag];
  const cls = tag >> 6;
  const n = tag & 0x1f;
  const form = tag & 0x20 ? '' : ' primitive';
  if (cls === 2) return `[${n}]${form}`;
  if (cls === 1) return `[APPLICATION ${n}]${form}`;
  if (cls === 3) return `[PRIVATE ${n}]${form}`;
  return `universal ${n}${form}`;
}

const MAX_INDEFINITE_DEPTH = 64;

/** One TLV: offsets into `buf`, which is the whole object's bytes so offsets are meaningful in a hex view. */
export class Tlv {
  constructor(
    readonly buf: Uint8Array,
    readonly tag: number,
    /** Offset of the identifier octet. */
    readonly start: number,
    /** Offset of the first contents octet. */
    readonly body: number,
    /** Offset just past the contents (before the end-of-contents octets of an indefinite length). */
    readonly end: number,
    /** Offset just past the whole TLV. */
    readonly next: number,
    readonly opts: DerOptions,
    readonly field: string,
  ) {}

  get constructed(): boolean {
    return (this.tag & 0x20) !== 0;
  }
  get indefinite(): boolean {
    return this.next !== this.end;
  }
  get length(): number {
    return this.end - this.body;
  }
  /** The whole TLV, e.g. for a signature over TBSCertificate. */
  get bytes(): Uint8Array {
    return this.buf.subarray(this.start, this.next);
  }
  /** The contents octets. */
  get content(): Uint8Array {
    return this.buf.subarray(this.body, this.end);
  }
  get range(): ByteRange {
    return { start: this.start, end: this.next };
  }
  /** A reader over the children of a constructed value. */
  children(field = this.field): DerReader {
    if (!this.constructed) {
      throw new Reject('der.value.invalid', { field, type: tagName(this.tag), reason: 'expected a constructed value' }, this.range);
    }
    return new DerReader(this.buf, this.body, this.end, this.opts, field);
  }
  reject(reason: string, type = tagName(this.tag)): never {
    throw new Reject('der.value.invalid', { field: this.field, type, reason }, this.range);
  }
}

/** A cursor over consecutive TLVs in buf[pos, end). */
export class DerReader {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number,
    readonly opts: DerOptions,
    readonly field: string,
  ) {}

  static of(buf: Uint8Array, field: string, opts: DerOptions = DER): DerReader {
    return new DerReader(buf, 0, buf.length, opts, field);
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** The identifier octet of the next TLV, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.buf[this.pos] : -1;
  }

  /** Reads the next TLV whatever its tag. */
  read(field = this.field): Tlv {
    const t = parseTlv(this.buf, this.pos, this.end, this.opts, field, 0);
    this.pos = t.next;
    return t;
  }

  /** Reads the next TLV, which must carry `tag`. */
  expect(tag: number, field: string): Tlv {
    const found = this.peek();
    if (found < 0) {
      throw new Reject('der.tag.missing', { field, expected: tagName(tag) }, { start: this.pos, end: this.pos });
    }
    if (found !== tag) {
      throw new Reject('der.tag.unexpected', { field, expected: tagName(tag), found: tagName(found) }, { start: this.pos, end: this.pos + 1 });
    }
    return this.read(field);
  }

  /** Reads the next TLV when it carries `tag`. */
  optional(tag: number, field: string): Tlv | undefined {
    return this.peek() === tag ? this.read(field) : undefined;
  }

  /** The enclosing value must end here. */
  finish(field = this.field): void {
    if (this.pos < this.end) {
      throw new Reject('der.trailing-bytes', { field, count: this.end - this.pos }, { start: this.pos, end: this.end });
    }
  }

  /** Reads every remaining TLV (SEQUENCE OF / SET OF); an array, as a generator allocates per element. */
  each(field = this.field): Tlv[] {
    const all: Tlv[] = [];
    while (this.pos < this.end) all.push(this.read(field));
    return all;
  }
}

/** Parses the TLV at `pos` within buf[.., limit). */
function parseTlv(buf: Uint8Array, pos: number, limit: number, opts: DerOptions, field: string, depth: number): Tlv {
  const start = pos;
  if (pos >= limit) throw new Reject('der.truncated', { field, need: 2, have: 0 }, { start, end: start });
  const tag = buf[pos++];
  if ((tag & 0x1f) === 0x1f) throw new Reject('der.tag.high-number', { field }, { start, end: start + 1 });
  if (pos >= limit) throw new Reject('der.truncated', { field, need: 2, have: 1 }, { start, end: limit });
  const first = buf[pos++];
  if (first < 0x80) return checkedTlv(buf, tag, start, pos, pos + first, limit, opts, field);
  if (first === 0x80) {
    if (!opts.ber || (tag & 0x20) === 0) {
      throw new Reject('der.length.indefinite', { field }, { start, end: pos });
    }
    opts.findings?.once('der.ber.indefinite-length', {}, { start, end: pos });
    return indefiniteTlv(buf, tag, start, pos, limit, opts, field, depth);
  }
  const n = first & 0x7f;
  if (n > 4 || first === 0xff) throw new Reject('der.length.invalid', { field, reason: `${n} length octets` }, { start, end: pos });
  if (pos + n > limit) throw new Reject('der.truncated', { field, need: pos + n - start, have: limit - start }, { start, end: limit });
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i];
  if (buf[pos] === 0 || len < 0x80) {
    // X.690 §10.1: DER wants the shortest length; BER allows longer forms.
    if (!opts.ber) throw new Reject('der.length.non-minimal', { field }, { start, end: pos + n });
    opts.findings?.once('der.ber.length-non-minimal', {}, { start, end: pos + n });
  }
  pos += n;
  return checkedTlv(buf, tag, start, pos, pos + len, limit, opts, field);
}

function checkedTlv(
  buf: Uint8Array,
  tag: number,
  start: number,
  body: number,
  end: number,
  limit: number,
  opts: DerOptions,
  field: string,
): Tlv {
  if (end > limit) throw new Reject('der.truncated', { field, need: end - start, have: limit - start }, { start, end: limit });
  return new Tlv(buf, tag, start, body, end, end, opts, field);
}

/** X.690 §8.1.3.6: contents run until the end-of-contents octets 00 00 at the same level. */
function indefiniteTlv(
  buf: Uint8Array,
  tag: number,
  start: number,
  body: number,
  limit: number,
  opts: DerOptions,
  field: string,
  depth: number,
): Tlv {
  if (depth >= MAX_INDEFINITE_DEPTH) {
    throw new Reject('der.nesting.too-deep', { limit: MAX_INDEFINITE_DEPTH }, { start, end: body });
  }
  let pos = body;
  for (;;) {
    if (pos + 2 > limit) throw new Reject('der.truncated', { field, need: pos + 2 - start, have: limit - start }, { start, end: limit });
    if (buf[pos] === 0 && buf[pos + 1] === 0) return new Tlv(buf, tag, start, body, pos, pos + 2, opts, field);
    pos = parseTlv(buf, pos, limit, opts, field, depth + 1).next;
  }
}
