import { describe, expect, it } from 'vitest';
import { Findings, Reject } from '../report/finding.ts';
import { DER, DerReader, Tag } from './reader.ts';
import { readBigInt, readBitString, readInt, readOctets, readOid, readTime } from './values.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

function rejectCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Reject) return e.code;
    throw e;
  }
  return 'no reject';
}

describe('DerReader', () => {
  it('reads nested TLVs with absolute offsets', () => {
    const r = DerReader.of(bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa), 'test');
    const seq = r.expect(Tag.SEQUENCE, 'seq');
    r.finish();
    const c = seq.children();
    const i = c.expect(Tag.INTEGER, 'int');
    expect(readInt(i)).toBe(5);
    const o = c.expect(Tag.OCTET_STRING, 'oct');
    expect(o.body).toBe(7);
    expect(readOctets(o)).toEqual(bytes(0xaa));
    c.finish();
  });

  it('rejects truncation, trailing bytes and non-minimal lengths in DER', () => {
    expect(rejectCode(() => DerReader.of(bytes(0x30, 0x05, 0x02), 't').read())).toBe('der.truncated');
    const r = DerReader.of(bytes(0x05, 0x00, 0x00), 't');
    r.read();
    expect(rejectCode(() => r.finish())).toBe('der.trailing-bytes');
    expect(rejectCode(() => DerReader.of(bytes(0x04, 0x81, 0x01, 0xaa), 't').read())).toBe('der.length.non-minimal');
    expect(rejectCode(() => DerReader.of(bytes(0x30, 0x80, 0x00, 0x00), 't').read())).toBe('der.length.indefinite');
  });

  it('accepts BER indefinite lengths and constructed strings when allowed, and says so once', () => {
    const findings = new Findings();
    // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { 04 01 aa, 04 01 bb } }
    const ber = bytes(0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0xaa, 0x04, 0x01, 0xbb, 0x00, 0x00, 0x00, 0x00);
    const seq = DerReader.of(ber, 't', { ber: true, findings }).read();
    expect(seq.indefinite).toBe(true);
    expect(seq.next).toBe(ber.length);
    expect(readOctets(seq.children().read())).toEqual(bytes(0xaa, 0xbb));
    expect(findings.list.map((f) => f.code)).toEqual(['der.ber.indefinite-length', 'der.ber.constructed-string']);
  });

  it('accepts lengths longer than they need be when BER is allowed, and says so once', () => {
    const findings = new Findings();
    // SEQUENCE, length 4 in two octets { OCTET STRING, length 1 in one extra octet { aa } }
    const ber = bytes(0x30, 0x82, 0x00, 0x04, 0x04, 0x81, 0x01, 0xaa);
    const seq = DerReader.of(ber, 't', { ber: true, findings }).read();
    expect(readOctets(seq.children().read())).toEqual(bytes(0xaa));
    expect(findings.list.map((f) => [f.code, f.severity, f.at])).toEqual([['der.ber.length-non-minimal', 'warning', { start: 0, end: 4 }]]);
  });

  it('bounds indefinite nesting instead of overflowing the stack', () => {
    const deep = new Uint8Array(2 * 10_000).fill(0x80);
    for (let i = 0; i < deep.length; i += 2) deep[i] = 0x30;
    expect(rejectCode(() => DerReader.of(deep, 't', { ber: true }).read())).toBe('der.nesting.too-deep');
  });

  it('decodes integers, OIDs, bit strings and times canonically', () => {
    const one = (b: Uint8Array) => DerReader.of(b, 't', DER).read();
    expect(readBigInt(one(bytes(0x02, 0x02, 0x00, 0x80)))).toBe(128n);
    expect(readInt(one(bytes(0x02, 0x01, 0xff)), -10)).toBe(-1);
    expect(readInt(one(bytes(0x02, 0x07, 0x01, 0, 0, 0, 0, 0, 0)))).toBe(2 ** 48);
    expect(rejectCode(() => readInt(one(bytes(0x02, 0x07, 0x01, 0, 0, 0, 0, 0, 0)), 0, 2 ** 32))).toBe('der.value.out-of-range');
    expect(rejectCode(() => readBigInt(one(bytes(0x02, 0x02, 0x00, 0x01))))).toBe('der.value.non-canonical');
    expect(readOid(one(bytes(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02)))).toBe('1.2.840.113549.1.7.2');
    expect(readBitString(one(bytes(0x03, 0x02, 0x04, 0xa0))).bits).toBe(4);
    expect(rejectCode(() => readBitString(one(bytes(0x03, 0x02, 0x04, 0xa1))))).toBe('der.value.non-canonical');
    const utc = new TextEncoder().encode('491231235959Z');
    expect(readTime(one(bytes(0x17, 13, ...utc)))).toBe(Date.UTC(2049, 11, 31, 23, 59, 59) / 1000);
    const bad = new TextEncoder().encode('20230231000000Z');
    expect(rejectCode(() => readTime(one(bytes(0x18, 15, ...bad))))).toBe('der.time.invalid');
  });
});

describe('identifier and length octets outside DER (X.690 §8.1.2.4, §8.1.3.5)', () => {
  /** The finding a read of `b` is rejected with. */
  function rejected(b: Uint8Array, ber: boolean) {
    try {
      DerReader.of(b, 't', { ber }).read();
    } catch (e) {
      if (e instanceof Reject) return e.toFinding();
      throw e;
    }
    throw new Error('read succeeded');
  }

  it('rejects the high-tag-number form, which no RPKI structure uses, even where BER is tolerated', () => {
    // [APPLICATION 31] in the high-tag-number form: 0x5f, then 0x1f as the tag number.
    for (const ber of [false, true]) {
      const f = rejected(bytes(0x5f, 0x1f, 0x01, 0x00), ber);
      expect([f.code, f.severity, f.stage, f.at]).toEqual(['der.tag.high-number', 'error', 'decode', { start: 0, end: 1 }]);
    }
  });

  it('rejects more than four length octets and the reserved 0xFF, even where BER is tolerated', () => {
    for (const ber of [false, true]) {
      const five = rejected(bytes(0x04, 0x85, 0, 0, 0, 0, 1, 0xaa), ber);
      expect([five.code, five.severity, five.stage, five.params.reason, five.at]).toEqual(['der.length.invalid', 'error', 'decode', '5 length octets', { start: 0, end: 2 }]);
      // X.690 §8.1.3.5 (c): 0xFF shall not be used.
      expect(rejected(bytes(0x04, 0xff, 0xaa), ber).code).toBe('der.length.invalid');
    }
    // Four length octets are the most accepted: 00 00 00 81 is non-minimal in DER but a valid BER length.
    expect(readOctets(DerReader.of(bytes(0x04, 0x84, 0, 0, 0, 1, 0xaa), 't', { ber: true }).read())).toEqual(bytes(0xaa));
  });
});
