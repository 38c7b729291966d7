import { describe, expect, it } from 'vitest';
import { Findings } from '../report/finding.ts';
import { formatPrefix } from '../resources/ip.ts';
import { fixture } from '../../testing/fixtures.ts';
import { decodeSpl, decodeSplContent, inspectSpl, type Spl } from './spl.ts';

const CURRENT = 'real/openbsd-rpki-client-regress/spl/9X0AhXWTJDl8lJhfOwvnac-42CA.spl';

function spl(path: string): Spl {
  const d = decodeSpl(fixture(path));
  if (!d.ok) throw new Error(`${path}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

// openssl asn1parse of the eContent (first entry 00 43 dd f5 = 67.221.245.0/24); rpki-prover's test: AS15562, 23 prefixes
const PREFIXES = [
  '67.221.245.0/24', '165.254.225.0/24', '165.254.255.0/26', '192.147.168.0/24', '194.32.71.0/24', '198.58.3.0/24',
  '204.2.30.0/23', '209.24.0.0/24', '209.24.1.0/24', '209.24.3.0/24', '209.24.4.0/22', '209.24.8.0/21',
  '209.24.8.0/24', '209.24.9.0/24', '209.24.16.0/20', '209.24.32.0/19', '209.24.64.0/18', '209.24.128.0/17',
  '2001:418:144e::/47', '2001:67c:208c::/48', '2001:7fb:fd04::/48', '2607:fae0:245::/48', '2a0e:b240::/48',
];

describe('decodeSpl (draft-ietf-sidrops-rpki-prefixlist)', () => {
  it('reads the rpki-client regress SPL: AS15562 and 23 prefixes in canonical order', () => {
    const s = spl(CURRENT);
    expect([s.version, s.asId]).toEqual([0, 15562]);
    expect(s.prefixBlocks.map((b) => b.afi)).toEqual(['ipv4', 'ipv6']);
    expect(s.prefixBlocks.flatMap((b) => b.prefixes.map(formatPrefix))).toEqual(PREFIXES);
  });

  it('reads the earlier version that rpki-prover still ships to the same prefixes', () => {
    const old = spl('real/rpki-prover/9X0AhXWTJDl8lJhfOwvnac-42CA.spl');
    expect(old.asId).toBe(15562);
    expect(old.prefixBlocks.flatMap((b) => b.prefixes.map(formatPrefix))).toEqual(PREFIXES);
  });
});

describe('inspectSpl', () => {
  it('finds AS15562 within the EE certificate AS resources', () => {
    const findings = new Findings();
    inspectSpl(spl(CURRENT), findings);
    expect(findings.list.filter((f) => f.code.startsWith('spl.'))).toEqual([]);
  });
});

/** DER for crafted eContents. */
const der = (tag: number, ...body: number[][]): number[] => {
  const b = body.flat();
  return [tag, b.length, ...b];
};
const prefix = (bytes: number[], len: number) => der(0x03, [(8 - (len % 8)) % 8, ...bytes.slice(0, Math.ceil(len / 8))]);
const family = (afi: number, ...prefixes: number[][]) => der(0x30, der(0x04, [0, afi]), der(0x30, ...prefixes));
const prefixList = (asId: number, ...families: number[][]) => Uint8Array.from(der(0x30, der(0x02, [asId]), der(0x30, ...families)));

function contentErrors(bytes: Uint8Array): string[] {
  return decodeSplContent(bytes).findings.map((f) => `${f.stage}:${f.code}`);
}

describe('decodeSplContent (crafted eContents)', () => {
  const a = prefix([10, 0, 0, 0], 8);
  const b = prefix([192, 0, 2, 0], 24);
  const b25 = prefix([192, 0, 2, 0], 25);
  const v6 = prefix([0x20, 0x01, 0x0d, 0xb8], 32);

  it('accepts canonical lists, including none at all', () => {
    expect(contentErrors(prefixList(64, family(1, a, b, b25), family(2, v6)))).toEqual([]);
    expect(contentErrors(prefixList(64))).toEqual([]);
  });

  /** Decodes a crafted eContent: whether it passes, whether a value was read, and its findings. */
  function rejected(bytes: Uint8Array) {
    const d = decodeSplContent(bytes);
    return { ok: d.ok, read: d.value !== undefined, findings: d.findings.map((f) => [f.code, f.severity, f.stage]) };
  }

  // Each is read to the end (the value is kept for the inspector) and rejected with this one error.
  it.each([
    // §3.1 version: 0 (here [0] { INTEGER 1 })
    ['spl.version.invalid', 'version 1', Uint8Array.from(der(0x30, der(0xa0, der(0x02, [1])), der(0x02, [64]), der(0x30)))],
    // §3.2 asID: INTEGER (1..4294967295)
    ['spl.as-id.zero', 'AS0', prefixList(0, family(1, a))],
    // §3.3.1.1 addressFamily: 0001 (IPv4) or 0002 (IPv6)
    ['spl.address-family.invalid', 'AFI 0003', prefixList(64, family(3, a))],
    // §3.3 families ascending, each once
    ['spl.address-family.order', 'IPv6 before IPv4', prefixList(64, family(2, v6), family(1, a))],
    ['spl.address-family.order', 'IPv4 twice', prefixList(64, family(1, a), family(1, b))],
    // §3.3.1.2 addressPrefixes: SEQUENCE (SIZE(1..MAX))
    ['spl.address-prefixes.empty', 'an IPv4 family without prefixes', prefixList(64, family(1))],
    // §3.3.2 canonical form: ascending by address, then by prefix length, no duplicates
    ['spl.prefixes.not-canonical', 'addresses descending', prefixList(64, family(1, b, a))],
    ['spl.prefixes.not-canonical', 'a /25 before the /24 at its address', prefixList(64, family(1, b25, b))],
    ['spl.prefixes.not-canonical', 'a prefix twice', prefixList(64, family(1, a, a))],
  ])('rejects %s: %s', (code, _, bytes) => {
    expect(rejected(bytes)).toEqual({ ok: false, read: true, findings: [[code, 'error', 'decode']] });
  });

  it('rejects more than two families (§3.3 SIZE(0..2)), which always repeats one', () => {
    expect(rejected(prefixList(64, family(1, a), family(2, v6), family(2, v6)))).toEqual({
      ok: false,
      read: true,
      findings: [
        ['spl.address-family.order', 'error', 'decode'],
        ['spl.prefix-blocks.size', 'error', 'decode'],
      ],
    });
  });

  it('rejects a prefix longer than its family', () => {
    expect(contentErrors(prefixList(64, family(1, prefix([10, 0, 0, 0, 0], 33))))).toEqual(['decode:resources.ip.address-too-long']);
  });
});
