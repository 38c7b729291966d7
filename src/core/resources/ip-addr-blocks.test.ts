import { describe, expect, it } from 'vitest';
import { Findings, decodeWith, type Decoded } from '../report/finding.ts';
import { Tag } from '../der/reader.ts';
import { decodeIpAddrBlocks, type IpAddrBlocks } from './ip-addr-blocks.ts';
import { formatIpRange } from './ip.ts';
import { bits, int, nul, octets, parse, seq, tlv } from './testing.ts';

const V4 = octets(0, 1);
const V6 = octets(0, 2);
const family = (af: Uint8Array, choice: Uint8Array) => seq(af, choice);
const range = (min: Uint8Array, max: Uint8Array) => seq(min, max);

function decode(der: Uint8Array): Decoded<IpAddrBlocks> {
  const findings = new Findings();
  return decodeWith(findings, () => decodeIpAddrBlocks(parse(der), findings));
}
const codes = (d: Decoded<unknown>) => d.findings.map((f) => f.code);
const value = (d: Decoded<IpAddrBlocks>): IpAddrBlocks => {
  if (!d.ok) throw new Error(`not decoded: ${codes(d).join(', ')}`);
  return d.value;
};

describe('decodeIpAddrBlocks, well-formed', () => {
  it('reads prefixes, ranges and inherit', () => {
    // IPv4: 10.0.0.0/8 and 192.0.2.0-192.0.2.130 (min drops its trailing zero bits: 23 bits); IPv6: inherit
    const d = decode(seq(family(V4, seq(bits(0, 0x0a), range(bits(1, 0xc0, 0x00, 0x02), bits(0, 0xc0, 0x00, 0x02, 0x82)))), family(V6, nul())));
    expect(d.findings).toEqual([]);
    const v = value(d);
    expect(v.families).toEqual([
      {
        afi: 'ipv4',
        choice: [
          { kind: 'prefix', prefix: { afi: 'ipv4', addr: 0x0a000000n, len: 8 } },
          { kind: 'range', min: 0xc0000200n, max: 0xc0000282n },
        ],
      },
      { afi: 'ipv6', choice: 'inherit' },
    ]);
    expect(v.resources).toEqual({
      ipv4: [
        { min: 0x0a000000n, max: 0x0affffffn },
        { min: 0xc0000200n, max: 0xc0000282n },
      ],
      ipv6: 'inherit',
    });
  });

  it('reads the RFC 3779 range encoding: min without trailing zeros, max without trailing ones', () => {
    // 45.192.0.0-45.222.255.255 as in cer/arin-to-afrinic.cer: min 10 bits (2d c0/6), max 16 bits (2d de)
    const v = value(decode(seq(family(V4, seq(range(bits(6, 0x2d, 0xc0), bits(0, 0x2d, 0xde)))))));
    expect(v.resources.ipv4).toEqual([{ min: 0x2dc00000n, max: 0x2ddeffffn }]);
    // 192.0.2.0-192.0.3.127: the max 192.0.3.127 keeps 25 bits
    const w = value(decode(seq(family(V4, seq(range(bits(1, 0xc0, 0, 2), bits(7, 0xc0, 0, 3, 0)))))));
    expect(w.resources.ipv4).toEqual([{ min: 0xc0000200n, max: 0xc000037fn }]);
  });

  it('reads the whole address space at both ends', () => {
    const v = value(decode(seq(family(V4, seq(bits(0))), family(V6, seq(bits(0))))));
    expect(v.resources).toEqual({ ipv4: [{ min: 0n, max: 0xffffffffn }], ipv6: [{ min: 0n, max: (1n << 128n) - 1n }] });
    // ::/128 and ffff:…:ffff/128 as single-address prefixes
    const top = new Array<number>(16).fill(0xff);
    const w = value(decode(seq(family(V6, seq(bits(0, ...new Array<number>(16).fill(0)), bits(0, ...top))))));
    expect(w.resources.ipv6).toEqual([
      { min: 0n, max: 0n },
      { min: (1n << 128n) - 1n, max: (1n << 128n) - 1n },
    ]);
  });
});

describe('decodeIpAddrBlocks, RFC 3779 / RFC 6487 violations', () => {
  const cases: [string, Uint8Array, string[]][] = [
    ['safi', seq(family(octets(0, 1, 1), nul())), ['resources.ip.safi-present']],
    ['afi-unknown', seq(family(V4, seq(bits(0, 1))), family(octets(0, 3), seq(bits(0, 1, 2, 1)))), ['resources.ip.afi-unknown']],
    ['afi-too-short', seq(family(octets(1), nul())), ['resources.ip.afi-invalid']],
    ['afi-too-long', seq(family(octets(0, 1, 1, 1), nul())), ['resources.ip.afi-invalid']],
    ['family-duplicate', seq(family(V4, nul()), family(V4, seq(bits(0, 0x0a)))), ['resources.ip.family-duplicate']],
    ['family-order', seq(family(V6, nul()), family(V4, nul())), ['resources.ip.family-order']],
    ['no-families', seq(), ['resources.ip.empty']],
    ['empty-list', seq(family(V4, seq())), ['resources.ip.empty']],
    ['order', seq(family(V4, seq(bits(0, 0x0b), bits(0, 0x0a)))), ['resources.ip.order']],
    ['overlap', seq(family(V4, seq(bits(0, 0x0a), bits(0, 0x0a, 0x01)))), ['resources.ip.overlap']],
    ['range-reversed', seq(family(V4, seq(range(bits(0, 0x0b), bits(0, 0x0a))))), ['resources.ip.range-reversed']],
    ['range-max-too-long', seq(family(V4, seq(range(bits(0, 0x0a), bits(0, 0x0a, 0, 0, 0, 0))))), ['resources.ip.address-too-long']],
    ['choice-not-null-or-sequence', seq(family(V4, int(5))), ['der.tag.unexpected']],
    ['entry-not-bits-or-sequence', seq(family(V4, seq(octets(10)))), ['der.tag.unexpected']],
    ['choice-missing', seq(seq(V4)), ['der.tag.missing']],
    ['family-trailing', seq(seq(V4, nul(), nul())), ['der.trailing-bytes']],
    ['range-three-members', seq(family(V4, seq(seq(bits(0, 0x0a), bits(0, 0x0a), bits(0))))), ['der.trailing-bytes']],
    ['inherit-not-empty', seq(family(V4, tlv(Tag.NULL, [0]))), ['der.value.invalid']],
    ['not-a-sequence', octets(0, 1), ['der.tag.unexpected']],
    ['truncated-inside', new Uint8Array([0x30, 0x03, 0x30, 0x05, 0x04]), ['der.truncated']],
  ];
  it.each(cases)('%s', (_name, der, expected) => {
    const d = decode(der);
    expect(codes(d)).toEqual(expected);
    expect(d.ok).toBe(false);
  });

  it('keeps what it can read and places the finding on the entry', () => {
    const der = seq(family(V4, seq(bits(0, 0x0a), bits(0, 0x0a, 0x01))));
    const d = decode(der);
    const f = d.findings[0];
    expect(f).toMatchObject({ code: 'resources.ip.overlap', severity: 'error', stage: 'decode', spec: { rfc: 3779, section: '2.2.3.6' } });
    expect(f.params).toEqual({ family: 'ipv4', previous: '10.0.0.0/8', entry: '10.1.0.0/16' });
    // headers 2 + 2, addressFamily 4, list header 2, 10.0.0.0/8 in 4 octets: 10.1.0.0/16 spans bytes 14–18
    expect(f.at).toEqual({ start: 14, end: 19 });
    const safi = decode(seq(family(octets(0, 1, 1), nul()))).findings[0];
    expect(safi).toMatchObject({ stage: 'inspect', spec: { rfc: 6487, section: '4.8.10' }, params: { family: 'ipv4', safi: 1 } });
  });

  it('drops a reversed range, merges what remains and keeps the first of duplicate families', () => {
    const findings = new Findings();
    const der = seq(family(V4, seq(bits(0, 0x01), range(bits(0, 0x0b), bits(0, 0x0a)), bits(0, 0x02))), family(V4, seq(bits(0, 0x0a))));
    const v = decodeIpAddrBlocks(parse(der), findings);
    expect(findings.list.map((f) => f.code)).toEqual(['resources.ip.range-reversed', 'resources.ip.adjacent', 'resources.ip.family-duplicate']);
    expect(v.families.map((f) => (f.choice === 'inherit' ? 0 : f.choice.length))).toEqual([2, 1]);
    expect(v.resources.ipv4).toEqual([{ min: 0x01000000n, max: 0x02ffffffn }]);
  });
});

describe('decodeIpAddrBlocks, non-canonical but readable encodings (warnings)', () => {
  it('merges contiguous entries', () => {
    const d = decode(seq(family(V4, seq(bits(0, 0x0a), bits(0, 0x0b)))));
    expect(codes(d)).toEqual(['resources.ip.adjacent']);
    expect(d.findings[0].severity).toBe('warning');
    expect(value(d).resources.ipv4).toEqual([{ min: 0x0a000000n, max: 0x0bffffffn }]);
  });

  it('flags a range that is a prefix', () => {
    const d = decode(seq(family(V4, seq(range(bits(0), bits(0))))));
    expect(codes(d)).toEqual(['resources.ip.range-is-prefix']);
    expect(d.findings[0].params).toEqual({ range: '0.0.0.0-255.255.255.255', prefix: '0.0.0.0/0' });
    expect(value(d).resources.ipv4).toEqual([{ min: 0n, max: 0xffffffffn }]);
  });

  it('flags range bounds that keep trailing bits', () => {
    // min 192.0.2.0 with its zero octet kept; max 192.0.3.127 with its one bits kept
    const d = decode(seq(family(V4, seq(range(bits(0, 0xc0, 0, 2, 0), bits(0, 0xc0, 0, 3, 0x7f))))));
    expect(codes(d)).toEqual(['resources.ip.range-bound-not-minimal']);
    expect(d.findings[0].params).toEqual({ bound: 'min and max', range: '192.0.2.0-192.0.3.127' });
    const max = decode(seq(family(V4, seq(range(bits(1, 0xc0, 0, 2), bits(0, 0xc0, 0, 3, 0x7f))))));
    expect(max.findings.map((f) => f.params.bound)).toEqual(['max']);
    const v4 = value(d).resources.ipv4;
    expect(Array.isArray(v4) && v4.map((r) => formatIpRange('ipv4', r))).toEqual(['192.0.2.0-192.0.3.127']);
  });
});

describe('decodeIpAddrBlocks, hostile input', () => {
  it('reports a flood of bad entries once per kind and stays fast', () => {
    const entry = range(bits(0, 0x0b), bits(0, 0x0a));
    const n = 50_000;
    const body = new Uint8Array(entry.length * n);
    for (let i = 0; i < n; i++) body.set(entry, i * entry.length);
    const der = seq(family(V4, tlv(Tag.SEQUENCE, body)));
    const t0 = performance.now();
    const d = decode(der);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(codes(d)).toEqual(['resources.ip.range-reversed']);
  });
});
