/** Tag checks for ASN.1 CHOICE alternatives and for TLVs handed in already read (the reader checks tags as it reads). */
import { Reject } from '../report/finding.ts';
import { tagName, type DerReader, type Tlv } from '../der/reader.ts';

export function requireTag(t: Tlv, tag: number, field: string): void {
  if (t.tag !== tag) unexpectedChoice(t, field, tagName(tag));
}

/** Reads the next TLV of a CHOICE whose alternatives the caller dispatches on. */
export function readChoice(r: DerReader, field: string, expected: string): Tlv {
  if (r.atEnd) throw new Reject('der.tag.missing', { field, expected }, { start: r.pos, end: r.pos });
  return r.read(field);
}

export function unexpectedChoice(t: Tlv, field: string, expected: string): never {
  throw new Reject('der.tag.unexpected', { field, expected, found: tagName(t.tag) }, { start: t.start, end: t.start + 1 });
}
