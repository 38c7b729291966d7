import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Findings } from '../report/finding.ts';
import { formatPrefix } from '../resources/ip.ts';
import { FIXTURES, fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { testSigner } from '../../testing/signed-objects.ts';
import { roaContent } from '../builder/roa.ts';
import { decodeObject } from './object.ts';
import { decodeRoa, decodeRoaContent, inspectRoa, readRoa, roaVrps, type Roa } from './roa.ts';
import { EContentType } from './signed-object.ts';

const RPKI_RS = 'real/nlnetlabs-rpki-rs/repository';
const BBN = 'real/ripe-ncc-rpki-commons/conformance/root';

function roa(path: string): Roa {
  const d = decodeRoa(fixture(path));
  if (!d.ok) throw new Error(`${path}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

function vrpStrings(r: Roa): string[] {
  return roaVrps(r).map((v) => `${v.asn},${formatPrefix(v.prefix)},${v.maxLength}`);
}

function errorCodes(path: string): string[] {
  return decodeRoa(fixture(path))
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.stage}:${f.code}`);
}

describe('decodeRoa (RFC 9582)', () => {
  it('reads example-ripe.roa (rpki-rs): AS209870, 2a0c:b642:fc0::/43, BER wrapper accepted with warnings', () => {
    const d = decodeRoa(fixture(`${RPKI_RS}/example-ripe.roa`));
    expect(d.ok).toBe(true);
    expect(d.findings.map((f) => `${f.severity}:${f.code}`)).toEqual([
      'warning:der.ber.indefinite-length',
      'warning:der.ber.constructed-string',
      'info:roa.max-length.superfluous',
    ]);
    if (!d.ok) return;
    expect(d.value.version).toBe(0);
    expect(d.value.asId).toBe(209870);
    expect(vrpStrings(d.value)).toEqual(['209870,2a0c:b642:fc0::/43,43']);
    expect(d.value.ipAddrBlocks[0].addresses[0].maxLength).toBe(43);
  });

  it('reads the rpkid ROA of rpki-commons interop: AS546 157.185.0.0/16 up to /22', () => {
    const r = roa('real/ripe-ncc-rpki-commons/interop/rpkid-objects/nI2bsx18I5mlex8lBpY0WSJUYio.roa');
    expect(r.asId).toBe(546);
    expect(vrpStrings(r)).toEqual(['546,157.185.0.0/16,22']);
  });

  it('reads rpki-client regress ROA Hf1ZR31W9DN5QSF6xJEO5qgH4ac.roa: AS3130, four prefixes without maxLength', () => {
    const r = roa('real/openbsd-rpki-client-regress/roa/Hf1ZR31W9DN5QSF6xJEO5qgH4ac.roa');
    expect(r.asId).toBe(3130);
    expect(r.ipAddrBlocks.map((f) => f.afi)).toEqual(['ipv4']);
    expect(r.ipAddrBlocks[0].addresses.every((a) => a.maxLength === undefined)).toBe(true);
    expect(vrpStrings(r)).toEqual([
      '3130,147.28.0.0/16,16',
      '3130,192.83.230.0/24,24',
      '3130,198.180.151.0/24,24',
      '3130,198.180.153.0/24,24',
    ]);
  });

  it('rejects the malformed rpki-rs ROAs by the right rule', () => {
    expect(errorCodes(`${RPKI_RS}/maxlen-overflow.roa`)).toEqual(['decode:roa.max-length.too-large']);
    expect(errorCodes(`${RPKI_RS}/maxlen-underflow.roa`)).toEqual(['decode:roa.max-length.below-prefix']);
    expect(errorCodes(`${RPKI_RS}/prefix-len-overflow.roa`)).toEqual(['decode:resources.ip.address-too-long']);
    const over = decodeRoa(fixture(`${RPKI_RS}/maxlen-overflow.roa`)).findings.find((f) => f.code === 'roa.max-length.too-large');
    expect(over?.params).toEqual({ prefix: '192.0.2.0/24', maxLength: 124, max: 32 });
    expect(over?.spec).toEqual({ rfc: 9582, section: '4.3.2.2' });
  });

  it('refuses a manifest offered as a ROA', () => {
    expect(errorCodes(`${RPKI_RS}/ta.mft`)).toEqual(['decode:cms.e-content-type.unexpected']);
  });

  it('reports BBN ROA profile defects at decode', () => {
    expect(errorCodes(`${BBN}/badROAFamily.roa`)).toEqual(['decode:roa.address-family.invalid']);
    expect(errorCodes(`${BBN}/badROAFamilyLth.roa`)).toEqual(['decode:roa.address-family.invalid']);
    // BBN tagged the version IMPLICIT ([0] primitive, 80 01 xx); the RFC 9582 module uses EXPLICIT TAGS, so the
    // encoding is rejected before its value (1, or an explicit default 0) is looked at.
    expect(errorCodes(`${BBN}/badROAVersionV2.roa`)).toEqual(['decode:der.tag.unexpected']);
    expect(errorCodes(`${BBN}/badROAVersionV1Explicit.roa`)).toEqual(['decode:der.tag.unexpected']);
    expect(errorCodes(`${BBN}/badROAASIDLarge.roa`)).toEqual(['decode:der.value.out-of-range']);
    expect(errorCodes(`${BBN}/badROAIPv4MaxLthShort.roa`)).toEqual(['decode:roa.max-length.below-prefix']);
    expect(errorCodes(`${BBN}/badROAIPv6MaxLthLong.roa`)).toEqual(['decode:roa.max-length.too-large']);
  });

  it('accepts repeated prefixes with a warning (BBN goodROAIPv4DupPrefixSameMaxLen)', () => {
    const d = decodeRoa(fixture(`${BBN}/goodROAIPv4DupPrefixSameMaxLen.roa`));
    expect(d.ok).toBe(true);
    const dup = d.findings.filter((f) => f.code === 'roa.prefix.duplicate');
    expect(dup.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('roaVrps', () => {
  it('gives exactly the expected VRPs of the forge medium repository (5,540, all ROAs valid)', () => {
    const dir = 'forge/medium/repo';
    const got = new Set<string>();
    for (const p of fixtureFiles(dir, (f) => f.endsWith('.roa'))) for (const v of vrpStrings(roa(p))) got.add(v);
    const expected = readFileSync(join(FIXTURES, 'forge/medium/expected-vrps.csv'), 'utf8').trim().split('\n').slice(1);
    expect(got.size).toBe(5540);
    expect([...got].sort()).toEqual(expected);
  });

  it('gives the 782 VRPs rpki-client 8.2 found in the RIPE pilot tree', () => {
    const got = new Set<string>();
    for (const p of fixtureFiles('real/ripe-ncc-pilot-rrdp/tree', (f) => f.endsWith('.roa'))) {
      for (const v of vrpStrings(roa(p))) got.add(`AS${v}`);
    }
    const csv = readFileSync(join(FIXTURES, 'real/ripe-ncc-pilot-rrdp/expected/vrps-rpki-client-8.2-at-2023-08-04T12Z.csv'), 'utf8');
    const expected = csv.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 3).join(','));
    expect(got.size).toBe(782);
    expect([...got].sort()).toEqual([...new Set(expected)].sort());
  });
});

describe('inspectRoa (RFC 9582 §5)', () => {
  function inspected(path: string): string[] {
    const findings = new Findings();
    const r = readRoa(fixture(path), findings);
    const before = findings.list.length;
    inspectRoa(r, findings);
    return findings.list.slice(before).filter((f) => f.severity === 'error').map((f) => `${f.stage}:${f.code}`);
  }

  it('finds nothing wrong with a forge ROA', () => {
    expect(inspected('forge/medium/repo/rpki.example.net/repo/rir4/m00160/r19-AS11273.roa')).toEqual([]);
  });

  it('rejects the AS resources extension that every 2011 BBN ROA EE certificate carries', () => {
    expect(inspected(`${BBN}/goodROANothingWrong.roa`)).toEqual(['inspect:roa.ee.as-resources.present']);
  });

  it('finds ROA prefixes outside the EE certificate resources', () => {
    expect(inspected(`${BBN}/badROAIPv4OnlyPfxBelowPfxNoGap.roa`)).toEqual([
      'inspect:roa.ee.as-resources.present',
      'inspect:roa.prefix.outside-ee',
    ]);
  });

  it('rejects inherit in the EE certificate IP resources', () => {
    expect(inspected(`${BBN}/badROAIPv6Inherit.roa`)).toEqual(['inspect:roa.ee.as-resources.present', 'inspect:roa.ee.ip-resources.inherit']);
  });
});

/** DER for crafted eContents: length octets for any size, INTEGER from a number, IPAddress from a prefix. */
const der = (tag: number, ...body: number[][]): number[] => {
  const b = body.flat();
  const len = b.length < 0x80 ? [b.length] : b.length < 0x100 ? [0x81, b.length] : [0x82, b.length >> 8, b.length & 0xff];
  return [tag, ...len, ...b];
};
const int = (n: number) => {
  const b = [n % 256];
  for (let v = Math.floor(n / 256); v > 0; v = Math.floor(v / 256)) b.unshift(v % 256);
  return der(0x02, b[0] & 0x80 ? [0, ...b] : b);
};
const address = (bytes: number[], len: number) => der(0x03, [(8 - (len % 8)) % 8, ...bytes.slice(0, Math.ceil(len / 8))]);
const v4 = (a: number, b: number, c: number, d: number, len: number, maxLength?: number) =>
  der(0x30, address([a, b, c, d], len), maxLength === undefined ? [] : int(maxLength));
const family = (afi: number, ...addresses: number[][]) => der(0x30, der(0x04, [0, afi]), der(0x30, ...addresses));
const attestation = (version: number[] | undefined, asId: number, ...families: number[][]) =>
  Uint8Array.from(der(0x30, version ?? [], int(asId), der(0x30, ...families)));

function contentFindings(bytes: Uint8Array): string[] {
  return decodeRoaContent(bytes).findings.map((f) => `${f.severity}:${f.code}`);
}

describe('decodeRoaContent (crafted eContents)', () => {
  it('reads a minimal ROA eContent', () => {
    const d = decodeRoaContent(attestation(undefined, 64496, family(1, v4(192, 0, 2, 0, 24, 28))));
    expect(d.ok && roaVrps(d.value).map((v) => `${v.asn} ${formatPrefix(v.prefix)} ${v.maxLength}`)).toEqual(['64496 192.0.2.0/24 28']);
  });

  it('wants version 0, and not encoded', () => {
    const fam = family(1, v4(192, 0, 2, 0, 24));
    expect(contentFindings(attestation(der(0xa0, int(0)), 1, fam))).toEqual(['error:cms.e-content.version-default-encoded']);
    expect(contentFindings(attestation(der(0xa0, int(1)), 1, fam))).toEqual(['error:roa.version.invalid']);
  });

  it('checks the address families', () => {
    const a = v4(192, 0, 2, 0, 24);
    expect(contentFindings(attestation(undefined, 1))).toEqual(['error:roa.ip-addr-blocks.size']);
    expect(contentFindings(attestation(undefined, 1, family(1, a), family(1, a)))).toEqual([
      'error:roa.address-family.duplicate',
      'warning:roa.prefix.duplicate',
    ]);
    expect(contentFindings(attestation(undefined, 1, family(1)))).toEqual(['error:roa.addresses.empty']);
    expect(contentFindings(attestation(undefined, 1, family(3, a)))).toEqual(['error:roa.address-family.invalid']);
    // ::ffff:192.0.2.0/120, an IPv4-mapped IPv6 prefix
    const mapped = der(0x30, address([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 0], 120));
    expect(contentFindings(attestation(undefined, 1, family(2, mapped)))).toEqual(['error:roa.prefix.ipv4-mapped']);
  });

  it('warns about order and repeats, notes a superfluous maxLength', () => {
    const low = v4(10, 0, 0, 0, 8);
    const high = v4(192, 0, 2, 0, 24);
    expect(contentFindings(attestation(undefined, 1, family(1, high, low, high)))).toEqual([
      'warning:roa.ip-addr-blocks.not-canonical',
      'warning:roa.prefix.duplicate',
    ]);
    expect(contentFindings(attestation(undefined, 1, family(1, low, high, v4(192, 0, 2, 0, 24, 25))))).toEqual(['warning:roa.prefix.duplicate']);
    expect(contentFindings(attestation(undefined, 1, family(1, v4(192, 0, 2, 0, 24, 24))))).toEqual(['info:roa.max-length.superfluous']);
    expect(contentFindings(attestation(undefined, 1, family(2, der(0x30, address([0x20, 0x01, 0x0d, 0xb8], 32))), family(1, low)))).toEqual([
      'warning:roa.ip-addr-blocks.not-canonical',
    ]);
  });
});

describe('RFC 9582 profile findings on crafted ROAs', () => {
  const a = v4(192, 0, 2, 0, 24);
  const b = v4(198, 51, 100, 0, 24);
  /** IPv6 ROAIPAddress of the first `len` bits of the 16 `bytes`. */
  const v6 = (bytes: number[], len: number) => der(0x30, address(bytes, len));

  it('roa.version.invalid: version 1 is an error at decode (§4.1)', () => {
    const d = decodeRoaContent(attestation(der(0xa0, int(1)), 64496, family(1, a)));
    expect(d.ok).toBe(false);
    expect(d.value?.version).toBe(1);
    expect(d.findings).toEqual([
      expect.objectContaining({ code: 'roa.version.invalid', severity: 'error', stage: 'decode', spec: { rfc: 9582, section: '4.1' }, params: { value: 1, expected: 0 } }),
    ]);
  });

  it('roa.ip-addr-blocks.size: no family, or three, is an error at decode (§4.3)', () => {
    const none = decodeRoaContent(attestation(undefined, 64496));
    expect(none.ok).toBe(false);
    expect(none.findings).toEqual([
      expect.objectContaining({ code: 'roa.ip-addr-blocks.size', severity: 'error', stage: 'decode', spec: { rfc: 9582, section: '4.3' }, params: { count: 0 } }),
    ]);
    // Only two AFIs are allowed, so a third family repeats one.
    const three = decodeRoaContent(attestation(undefined, 64496, family(1, a), family(1, b), family(2, v6([0x20, 0x01, 0x0d, 0xb8], 32))));
    expect(three.ok).toBe(false);
    expect(three.findings.map((f) => f.code)).toEqual(['roa.address-family.duplicate', 'roa.ip-addr-blocks.size']);
    expect(three.findings[1]).toEqual(expect.objectContaining({ code: 'roa.ip-addr-blocks.size', severity: 'error', params: { count: 3 } }));
  });

  it('roa.address-family.duplicate: a second IPv4 family is an error at decode (§4.3.1)', () => {
    const d = decodeRoaContent(attestation(undefined, 64496, family(1, a), family(1, b)));
    expect(d.ok).toBe(false);
    expect(d.findings).toEqual([
      expect.objectContaining({ code: 'roa.address-family.duplicate', severity: 'error', stage: 'decode', spec: { rfc: 9582, section: '4.3.1' }, params: { afi: 'ipv4' } }),
    ]);
  });

  it('roa.addresses.empty: a family without prefixes is an error at decode (§4.3.1)', () => {
    const d = decodeRoaContent(attestation(undefined, 64496, family(1, a), family(2)));
    expect(d.ok).toBe(false);
    expect(d.findings).toEqual([
      expect.objectContaining({ code: 'roa.addresses.empty', severity: 'error', stage: 'decode', spec: { rfc: 9582, section: '4.3.1' }, params: { afi: 'ipv6' } }),
    ]);
  });

  it('roa.prefix.ipv4-mapped: ::ffff:192.0.2.0/120 is an error at decode, 64:ff9b::192.0.2.0/120 is not (§4.3.1)', () => {
    const mapped = decodeRoaContent(attestation(undefined, 64496, family(2, v6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 0], 120))));
    expect(mapped.ok).toBe(false);
    expect(mapped.findings).toEqual([
      expect.objectContaining({
        code: 'roa.prefix.ipv4-mapped',
        severity: 'error',
        stage: 'decode',
        spec: { rfc: 9582, section: '4.3.1' },
        params: { prefix: '::ffff:c000:200/120' },
      }),
    ]);
    // RFC 6052 §2.1 well-known NAT64 prefix: IPv4 embedded in IPv6, but not IPv4-mapped.
    const nat64 = decodeRoaContent(attestation(undefined, 64496, family(2, v6([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 0], 120))));
    expect(nat64.ok).toBe(true);
    expect(nat64.findings).toEqual([]);
  });

  it('roa.ee.ip-resources.missing: an EE certificate without IP resources fails inspection (§5)', async () => {
    const bytes = await testSigner('roa.test').sign({
      eContentType: EContentType.roa,
      eContent: roaContent({ asId: 64496, prefixes: [{ prefix: { afi: 'ipv4', addr: 0xc0000200n, len: 24 } }] }),
      uri: 'rsync://example.net/repo/ca/AS64496.roa',
      // An EE certificate holding only AS resources: the ROA prefix cannot be checked against anything.
      resources: { as: { asnum: [{ min: 64496, max: 64496 }] } },
    });
    const d = decodeRoa(bytes);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const findings = new Findings();
    inspectRoa(d.value, findings);
    const roaFindings = findings.list.filter((f) => f.code.startsWith('roa.'));
    expect(roaFindings.map((f) => f.code)).toEqual(['roa.ee.as-resources.present', 'roa.ee.ip-resources.missing']);
    expect(roaFindings[1]).toEqual(
      expect.objectContaining({ code: 'roa.ee.ip-resources.missing', severity: 'error', stage: 'inspect', spec: { rfc: 9582, section: '5' }, at: d.value.signedObject.eeRange }),
    );
    expect(decodeObject('AS64496.roa', bytes).ok).toBe(false);
  });
});
