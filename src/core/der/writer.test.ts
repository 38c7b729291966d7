import { describe, expect, it } from 'vitest';
import { DER, DerReader, Tag, ctx } from './reader.ts';
import { hex, readBigInt, readBitString, readBoolean, readIa5, readInt, readNull, readOctets, readOid, readString, readTime } from './values.ts';
import {
  bitString,
  boolean,
  encode,
  explicit,
  generalizedTime,
  ia5String,
  implicit,
  integer,
  namedBits,
  nul,
  octetString,
  oid,
  printableString,
  raw,
  sequence,
  setOf,
  time,
  unsignedInteger,
  utcTime,
  utf8String,
  type DerNode,
} from './writer.ts';

/** The one TLV of an encoding, read strictly. */
function read(node: DerNode) {
  const bytes = encode(node);
  const r = DerReader.of(bytes, 'test', DER);
  const t = r.read();
  r.finish();
  return t;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('DER writer', () => {
  it('writes INTEGERs in the fewest octets and reads them back', () => {
    expect(hex(encode(integer(0)))).toBe('020100');
    expect(hex(encode(integer(127)))).toBe('02017f');
    expect(hex(encode(integer(128)))).toBe('02020080');
    expect(hex(encode(integer(-128)))).toBe('020180');
    expect(hex(encode(integer(-129)))).toBe('0202ff7f');
    expect(hex(encode(integer(65537)))).toBe('0203010001');
    const values = [0n, 1n, -1n, 255n, 256n, -256n, 2n ** 63n, -(2n ** 63n), 2n ** 160n - 1n, -(3n ** 100n)];
    for (const v of values) expect(readBigInt(read(integer(v)))).toBe(v);
    for (const v of [0, 1, 4294967295, 2 ** 47 - 1]) expect(readInt(read(integer(v)))).toBe(v);
  });

  it('writes an unsigned magnitude as a positive INTEGER', () => {
    expect(hex(encode(unsignedInteger(Uint8Array.of(0x80, 1))))).toBe('0203008001');
    expect(hex(encode(unsignedInteger(Uint8Array.of(0, 0, 0x7f))))).toBe('02017f');
    const modulus = new Uint8Array(256).fill(0xc5);
    expect(readBigInt(read(unsignedInteger(modulus)))).toBe(BigInt(`0x${hex(modulus)}`));
  });

  it('writes BOOLEAN, NULL and OCTET STRING', () => {
    expect(hex(encode(boolean(true)))).toBe('0101ff');
    expect(readBoolean(read(boolean(false)))).toBe(false);
    expect(hex(encode(nul()))).toBe('0500');
    readNull(read(nul()));
    expect(hex(readOctets(read(octetString(Uint8Array.of(1, 2, 3)))))).toBe('010203');
  });

  it('writes BIT STRINGs with their unused bits, and named bits without trailing zeros', () => {
    const t = read(bitString(Uint8Array.of(0xa0), 5));
    expect(readBitString(t)).toMatchObject({ unused: 5, bits: 3 });
    // RFC 5280 §4.2.1.3: keyCertSign (5) and cRLSign (6) are 03 02 01 06; digitalSignature (0) is 03 02 07 80.
    expect(hex(encode(namedBits([5, 6])))).toBe('03020106');
    expect(hex(encode(namedBits([0])))).toBe('03020780');
    expect(() => bitString(Uint8Array.of(0xff), 1)).toThrow(RangeError);
  });

  it('writes OBJECT IDENTIFIERs', () => {
    expect(hex(encode(oid('1.2.840.113549.1.1.11')))).toBe('06092a864886f70d01010b');
    for (const o of ['1.2.840.113549.1.9.16.1.49', '2.5.29.14', '2.999.3', '1.3.6.1.4.1.4294967295.1', '0.0']) {
      expect(readOid(read(oid(o)))).toBe(o);
    }
    for (const bad of ['1', '3.1', '1.40', '1.2.x', '1..2']) expect(() => oid(bad)).toThrow(RangeError);
  });

  it('writes UTCTime before 2050 and GeneralizedTime from then on (RFC 5280 §4.1.2.5)', () => {
    const t2026 = seconds('2026-01-01T00:00:00Z');
    expect(new TextDecoder().decode(read(utcTime(t2026)).content)).toBe('260101000000Z');
    expect(read(time(seconds('2049-12-31T23:59:59Z'))).tag).toBe(Tag.UTCTime);
    expect(read(time(seconds('2050-01-01T00:00:00Z'))).tag).toBe(Tag.GeneralizedTime);
    expect(read(time(seconds('1950-01-01T00:00:00Z'))).tag).toBe(Tag.UTCTime);
    expect(new TextDecoder().decode(read(generalizedTime(t2026)).content)).toBe('20260101000000Z');
    for (const iso of ['1999-12-31T23:59:59Z', '2026-02-28T12:34:56Z', '2050-01-01T00:00:00Z', '2117-07-04T01:02:03Z']) {
      expect(readTime(read(time(seconds(iso))))).toBe(seconds(iso));
      expect(readTime(read(generalizedTime(seconds(iso))))).toBe(seconds(iso));
    }
    expect(() => utcTime(seconds('2050-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('writes IA5String, PrintableString and UTF8String', () => {
    expect(readIa5(read(ia5String('rsync://example.net/repo/a.roa')))).toBe('rsync://example.net/repo/a.roa');
    expect(readString(read(printableString("CA 1 (test)-x.y:z='?'")))).toBe("CA 1 (test)-x.y:z='?'");
    expect(readString(read(utf8String('Zürich ✓')))).toBe('Zürich ✓');
    expect(() => printableString('a_b')).toThrow(RangeError);
    expect(() => ia5String('é')).toThrow(RangeError);
  });

  it('reads an IA5String of a million characters whole, and names the first byte that is not ASCII', () => {
    const long = 'rsync://example.net/' + 'abcdefghij'.repeat(100_000);
    expect(readIa5(read(ia5String(long)))).toBe(long);
    const bytes = encode(ia5String(long));
    bytes[bytes.length - 5] = 0xe9;
    expect(() => readIa5(DerReader.of(bytes, 'test', DER).read())).toThrow(
      expect.objectContaining({ code: 'der.value.invalid', params: expect.objectContaining({ reason: `non-ASCII byte 0xe9 at ${long.length - 5}` }) }),
    );
  });

  it('writes lengths in the fewest octets, short and long form', () => {
    for (const n of [0, 127, 128, 255, 256, 65535, 65536, 70000]) {
      const t = read(octetString(new Uint8Array(n)));
      expect(t.length).toBe(n);
      const header = t.body - t.start;
      expect(header).toBe(n < 128 ? 2 : n < 256 ? 3 : n < 65536 ? 4 : 5);
    }
  });

  it('nests SEQUENCEs and reads every child back in order', () => {
    const t = read(sequence(integer(1), sequence(boolean(true), nul()), octetString(new Uint8Array(300)), sequence()));
    const r = t.children();
    expect(readInt(r.expect(Tag.INTEGER, 'a'))).toBe(1);
    const inner = r.expect(Tag.SEQUENCE, 'b').children();
    expect(readBoolean(inner.expect(Tag.BOOLEAN, 'c'))).toBe(true);
    readNull(inner.expect(Tag.NULL, 'd'));
    inner.finish();
    expect(r.expect(Tag.OCTET_STRING, 'e').length).toBe(300);
    expect(r.expect(Tag.SEQUENCE, 'f').length).toBe(0);
    r.finish();
  });

  it('sorts SET OF components by their encodings (X.690 §11.6)', () => {
    const t = read(setOf(octetString(Uint8Array.of(2)), integer(300), integer(5), octetString(Uint8Array.of(1, 0)), integer(-1)));
    const order = t.children().each().map((c) => hex(c.bytes));
    expect(order).toEqual(['020105', '0201ff', '0202012c', '040102', '04020100']);
    expect(t.tag).toBe(Tag.SET);
  });

  it('tags explicitly and implicitly, keeping the form of the inner value', () => {
    const e = read(explicit(3, integer(2)));
    expect(e.tag).toBe(ctx(3));
    expect(readInt(e.children().expect(Tag.INTEGER, 'v'))).toBe(2);
    const p = read(implicit(6, ia5String('rsync://x/y')));
    expect(p.tag).toBe(ctx(6, true));
    expect(new TextDecoder().decode(p.content)).toBe('rsync://x/y');
    const c = read(implicit(0, setOf(integer(1))));
    expect(c.tag).toBe(ctx(0));
    const rawSet = implicit(0, raw(encode(setOf(integer(7), integer(6)))));
    expect(hex(encode(rawSet))).toBe('a006020106020107');
  });

  it('writes raw TLVs as they are, inside one buffer of exactly the computed size', () => {
    const inner = encode(sequence(oid('2.5.29.19'), octetString(Uint8Array.of(0x30, 0))));
    const node = sequence(raw(inner), integer(9));
    const bytes = encode(node);
    expect(bytes.length).toBe(node.size);
    expect(hex(bytes)).toBe(`30${(inner.length + 3).toString(16).padStart(2, '0')}${hex(inner)}020109`);
  });
});
