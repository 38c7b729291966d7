import { describe, expect, it } from 'vitest';
import { Findings, decodeWith, type Decoded } from '../report/finding.ts';
import { Tag } from '../der/reader.ts';
import { decodeAsIdentifiers, type AsIdentifiers } from './as-identifiers.ts';
import { bits, explicit, int, nul, octets, parse, seq, tlv } from './testing.ts';

const asnum = (choice: Uint8Array) => explicit(0, choice);
const rdi = (choice: Uint8Array) => explicit(1, choice);
const range = (min: number, max: number) => seq(int(min), int(max));

function decode(der: Uint8Array): Decoded<AsIdentifiers> {
  const findings = new Findings();
  return decodeWith(findings, () => decodeAsIdentifiers(parse(der), findings));
}
const codes = (d: Decoded<unknown>) => d.findings.map((f) => f.code);

describe('decodeAsIdentifiers', () => {
  it('reads ids and ranges, including AS 0 and AS 4294967295', () => {
    const d = decode(seq(asnum(seq(int(0), range(64496, 64511), int(4294967295)))));
    expect(d.findings).toEqual([]);
    if (!d.ok) throw new Error('not decoded');
    expect(d.value).toEqual({
      asnum: [
        { kind: 'id', id: 0 },
        { kind: 'range', min: 64496, max: 64511 },
        { kind: 'id', id: 4294967295 },
      ],
      resources: {
        asnum: [
          { min: 0, max: 0 },
          { min: 64496, max: 64511 },
          { min: 4294967295, max: 4294967295 },
        ],
      },
    });
  });

  it('reads inherit and the full range', () => {
    const inherit = decode(seq(asnum(nul())));
    expect(inherit.ok && inherit.value).toEqual({ asnum: 'inherit', resources: { asnum: 'inherit' } });
    const all = decode(seq(asnum(seq(range(0, 4294967295)))));
    expect(all.ok && all.value.resources.asnum).toEqual([{ min: 0, max: 4294967295 }]);
  });

  const cases: [string, Uint8Array, string[]][] = [
    ['rdi', seq(asnum(nul()), rdi(seq(int(1)))), ['resources.as.rdi-present']],
    ['rdi-only', seq(rdi(nul())), ['resources.as.asnum-missing', 'resources.as.rdi-present']],
    ['nothing', seq(), ['resources.as.asnum-missing']],
    ['empty', seq(asnum(seq())), ['resources.as.empty']],
    ['range-reversed', seq(asnum(seq(range(256, 1)))), ['resources.as.range-reversed']],
    ['order', seq(asnum(seq(int(20), int(10)))), ['resources.as.order']],
    ['overlap', seq(asnum(seq(range(10, 20), int(15)))), ['resources.as.overlap']],
    ['too-large', seq(asnum(seq(int(4294967296)))), ['der.value.out-of-range']],
    ['negative', seq(asnum(seq(int(-1)))), ['der.value.out-of-range']],
    ['entry-not-integer-or-sequence', seq(asnum(seq(octets(1)))), ['der.tag.unexpected']],
    ['choice-not-null-or-sequence', seq(asnum(int(1))), ['der.tag.unexpected']],
    ['choice-missing', seq(explicit(0)), ['der.tag.missing']],
    ['two-choices', seq(explicit(0, nul(), nul())), ['der.trailing-bytes']],
    ['members-swapped', seq(rdi(nul()), asnum(nul())), ['der.trailing-bytes']],
    ['range-member-missing', seq(asnum(seq(seq(int(1))))), ['der.tag.missing']],
    ['inherit-not-empty', seq(asnum(tlv(Tag.NULL, [0]))), ['der.value.invalid']],
    ['not-a-sequence', bits(0), ['der.tag.unexpected']],
  ];
  it.each(cases)('rejects %s', (_name, der, expected) => {
    const d = decode(der);
    expect(codes(d)).toEqual(expected);
    expect(d.ok).toBe(false);
  });

  it('names the profile section and the offending member', () => {
    const [f] = decode(seq(asnum(nul()), rdi(seq(int(1))))).findings;
    expect(f).toMatchObject({ severity: 'error', stage: 'inspect', spec: { rfc: 6487, section: '4.8.11' } });
    const [g] = decode(seq(asnum(seq(int(20), int(10))))).findings;
    expect(g).toMatchObject({ stage: 'decode', spec: { rfc: 3779, section: '3.2.3.4' }, params: { member: 'asnum', previous: 'AS20', entry: 'AS10' } });
  });

  it('warns on readable non-canonical forms and normalises them', () => {
    const d = decode(seq(asnum(seq(int(1), range(2, 5), range(7, 7)))));
    expect(d.findings.map((f) => [f.code, f.severity])).toEqual([
      ['resources.as.range-singular', 'warning'],
      ['resources.as.adjacent', 'warning'],
    ]);
    expect(d.ok && d.value.resources.asnum).toEqual([
      { min: 1, max: 5 },
      { min: 7, max: 7 },
    ]);
  });
});
