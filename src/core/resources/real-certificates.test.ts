/**
 * The resource extensions of real certificates. The certificate decoder lives elsewhere, so this file finds the
 * extensions itself: Certificate → TBSCertificate → [3] Extensions → the extnValue of the wanted OID.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { DER, DerReader, Tag, ctx, type Tlv } from '../der/reader.ts';
import { readOid } from '../der/values.ts';
import { Findings, Reject, decodeWith } from '../report/finding.ts';
import { decodeAsIdentifiers, type AsIdentifiers } from './as-identifiers.ts';
import { formatAsRange } from './as.ts';
import { decodeIpAddrBlocks, type IpAddrBlocks } from './ip-addr-blocks.ts';
import { formatIp, formatPrefix, parsePrefix, prefixToRange } from './ip.ts';
import { claimInherits, formatResourceSet, isEmptySet, resolveInherit, resourcesContain, type ResourceSet } from './resource-set.ts';

const ID_PE_IP_ADDR_BLOCKS = '1.3.6.1.5.5.7.1.7';
const ID_PE_AUTONOMOUS_SYS_IDS = '1.3.6.1.5.5.7.1.8';

function extension(cert: Uint8Array, oid: string): Tlv | undefined {
  const tbs = DerReader.of(cert, 'Certificate').expect(Tag.SEQUENCE, 'Certificate').children().expect(Tag.SEQUENCE, 'tbsCertificate');
  const r = tbs.children();
  while (!r.atEnd) {
    const t = r.read();
    if (t.tag !== ctx(3)) continue;
    for (const ext of t.children().expect(Tag.SEQUENCE, 'extensions').children().each('Extension')) {
      const e = ext.children();
      if (readOid(e.expect(Tag.OID, 'extnID')) !== oid) continue;
      e.optional(Tag.BOOLEAN, 'critical');
      const value = e.expect(Tag.OCTET_STRING, 'extnValue');
      return new DerReader(cert, value.body, value.end, DER, oid).read();
    }
  }
  return undefined;
}

interface Decoded {
  ip?: IpAddrBlocks;
  as?: AsIdentifiers;
  codes: string[];
}

function decodeResources(cert: Uint8Array): Decoded {
  const findings = new Findings();
  const out: Decoded = { codes: [] };
  const d = decodeWith(findings, () => {
    const ip = extension(cert, ID_PE_IP_ADDR_BLOCKS);
    const as = extension(cert, ID_PE_AUTONOMOUS_SYS_IDS);
    if (ip) out.ip = decodeIpAddrBlocks(ip, findings);
    if (as) out.as = decodeAsIdentifiers(as, findings);
  });
  out.codes = d.findings.map((f) => f.code);
  return out;
}

function claimed(d: Decoded) {
  return { ip: d.ip?.resources, as: d.as?.resources };
}

/** The extensions as `openssl x509 -text` lists them (prefix, "min-max", AS id or "min-max"). */
function opensslListing(d: Decoded): string[] {
  const lines: string[] = [];
  for (const f of d.ip?.families ?? []) {
    lines.push(f.afi === 'ipv4' ? 'IPv4:' : 'IPv6:');
    if (f.choice === 'inherit') continue;
    for (const e of f.choice) lines.push(e.kind === 'prefix' ? formatPrefix(e.prefix) : `${formatIp(f.afi, e.min)}-${formatIp(f.afi, e.max)}`);
  }
  if (d.as?.asnum && d.as.asnum !== 'inherit') {
    lines.push('AS:');
    for (const e of d.as.asnum) lines.push(e.kind === 'id' ? String(e.id) : `${e.min}-${e.max}`);
  }
  return lines;
}

const golden = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8').trimEnd().split('\n');

describe('real certificates', () => {
  it('cer/arin-to-afrinic.cer: IPv4 prefixes and ranges as openssl lists them', () => {
    const d = decodeResources(fixture('real/openbsd-rpki-client-regress/cer/arin-to-afrinic.cer'));
    expect(d.codes).toEqual([]);
    expect(opensslListing(d)).toEqual(golden('arin-to-afrinic.cer.openssl.txt'));
    const v4 = d.ip?.families[0];
    expect(v4?.choice !== 'inherit' && v4?.choice.filter((e) => e.kind === 'range').length).toBe(53);
    expect(d.ip?.resources.ipv6).toBeUndefined();
    expect(d.as).toBeUndefined();
    const ipv4 = d.ip?.resources.ipv4;
    expect(Array.isArray(ipv4) && ipv4.length).toBe(203);
    expect(Array.isArray(ipv4) && ipv4[1]).toEqual({ min: 0x2dc00000n, max: 0x2ddeffffn });
  });

  it('ripe-ncc-pilot.cer: a large set of 1,675 IPv4, 9 IPv6 and 224 AS entries', () => {
    const d = decodeResources(fixture('real/ripe-ncc-rpki-ta-0/ripe-ncc-pilot.cer'));
    expect(d.codes).toEqual([]);
    const listing = opensslListing(d);
    expect(listing).toEqual(golden('ripe-ncc-pilot.cer.openssl.txt'));
    expect(listing.length).toBe(1 + 1675 + 1 + 9 + 1 + 224);
    const r = d.ip?.resources;
    // canonical encoding: nothing to merge, so the resource set has one range per entry
    expect(Array.isArray(r?.ipv4) && r.ipv4.length).toBe(1675);
    expect(Array.isArray(r?.ipv6) && r.ipv6[0]).toEqual({ min: 0x20010600n << 96n, max: (0x20010c00n << 96n) - 1n });
    expect(d.as?.resources.asnum).toHaveLength(224);
  });

  it('conformance/root.cer: the BBN suite trust anchor', () => {
    const d = decodeResources(fixture('real/ripe-ncc-rpki-commons/conformance/root.cer'));
    expect(d.codes).toEqual([]);
    expect(opensslListing(d)).toEqual(['IPv4:', '1.0.0.0/8', 'IPv6:', '102::/16', 'AS:', '1-65536']);
  });

  it('forge TA: the whole address and AS space', () => {
    const d = decodeResources(fixture('forge/small/repo/rpki.example.net/repo/ta/ta.cer'));
    const { resources, unresolved } = resolveInherit(claimed(d), { ipv4: [], ipv6: [], asnum: [] });
    expect(unresolved).toEqual([]);
    expect(formatResourceSet(resources)).toBe('0.0.0.0/0, ::/0, AS0-AS4294967295');
  });

  // The BBN README names the defect of each certificate; "good" ones must decode without findings.
  const bbn: [string, string[]][] = [
    ['badCertResourcesBadAFI.cer', ['resources.ip.afi-unknown']],
    ['badCertResourcesSAFI.cer', ['resources.ip.safi-present']],
    ['badCertResourcesBadV4Order.cer', ['resources.ip.order']],
    ['badCertResourcesBadV6Order.cer', ['resources.ip.order']],
    ['badCertResourcesBadASOrder.cer', ['resources.as.range-reversed']],
    ['badCertResourcesIPEmpty.cer', ['resources.ip.empty']],
    ['badCertResourcesASEmpty.cer', ['resources.as.empty']],
    ['goodCertResourcesAllInherit.cer', []],
    ['goodCertResourcesASInherit.cer', []],
    ['goodCertResourcesASInhOnly.cer', []],
    ['goodCertResourcesIP4Inherit.cer', []],
    ['goodCertResourcesIP4InhOnly.cer', []],
    ['goodCertResourcesIP6Inherit.cer', []],
    ['goodCertResourcesIP6InhOnly.cer', []],
  ];
  it.each(bbn)('conformance/root/%s', (file, expected) => {
    const d = decodeResources(fixture(`real/ripe-ncc-rpki-commons/conformance/root/${file}`));
    expect(d.codes).toEqual(expected);
  });

  it('conformance inherit cases resolve against root.cer', () => {
    const root = resolveInherit(claimed(decodeResources(fixture('real/ripe-ncc-rpki-commons/conformance/root.cer'))), {
      ipv4: [],
      ipv6: [],
      asnum: [],
    }).resources;
    const all = decodeResources(fixture('real/ripe-ncc-rpki-commons/conformance/root/goodCertResourcesAllInherit.cer'));
    expect(claimInherits(claimed(all))).toEqual(['ipv4', 'ipv6', 'asnum']);
    expect(resolveInherit(claimed(all), root)).toEqual({ resources: root, unresolved: [] });
    const v6only = decodeResources(fixture('real/ripe-ncc-rpki-commons/conformance/root/goodCertResourcesIP6InhOnly.cer'));
    const r = resolveInherit(claimed(v6only), root).resources;
    expect(formatResourceSet(r)).toBe('102::/16');
  });

  it('compat/res_incorrect.cer: 128-bit IPv4 range bounds are rejected', () => {
    const cert = fixture('real/nlnetlabs-rpki-rs/compat/res_incorrect.cer');
    const t = extension(cert, ID_PE_IP_ADDR_BLOCKS);
    if (!t) throw new Error('no extension');
    let reject: Reject | undefined;
    try {
      decodeIpAddrBlocks(t, new Findings());
    } catch (e) {
      if (e instanceof Reject) reject = e;
    }
    expect(reject?.code).toBe('resources.ip.address-too-long');
    expect(reject?.params).toMatchObject({ afi: 'ipv4', bits: 128, max: 32 });
  });

  it('forge overclaim-ca: the member CA claims exactly 96.0.0.0/24 beyond its issuer', () => {
    const base = 'forge/mutations/overclaim-ca/repo/rpki.example.net/repo';
    const parent = resolveInherit(claimed(decodeResources(fixture(`${base}/ta/rir2.cer`))), { ipv4: [], ipv6: [], asnum: [] }).resources;
    const child = resolveInherit(claimed(decodeResources(fixture(`${base}/rir2/m00002.cer`))), parent).resources;
    const over = resourcesContain(parent, child);
    expect(over).toEqual({ ipv4: [prefixToRange(parsePrefix('96.0.0.0/24'))], ipv6: [], asnum: [] });
  });

  it('forge inherit-in-ta: the trust anchor inherits IPv6', () => {
    const d = decodeResources(fixture('forge/mutations/inherit-in-ta/repo/rpki.example.net/repo/ta/ta.cer'));
    expect(d.codes).toEqual([]);
    expect(claimInherits(claimed(d))).toEqual(['ipv6']);
  });

  it('RIPE pilot tree: every certificate stays within the trust anchor', () => {
    const files = fixtureFiles('real/ripe-ncc-pilot-rrdp/tree', (f) => f.endsWith('.cer'));
    expect(files.length).toBe(506);
    const ta = resolveInherit(claimed(decodeResources(fixture('real/ripe-ncc-pilot-rrdp/tree/localcert.ripe.net/ta/ripe-ncc-pilot.cer'))), {
      ipv4: [],
      ipv6: [],
      asnum: [],
    }).resources;
    let withAs = 0;
    for (const f of files) {
      const d = decodeResources(fixture(f));
      expect(d.codes, f).toEqual([]);
      const child: ResourceSet = resolveInherit(claimed(d), ta).resources;
      expect(isEmptySet(child), f).toBe(false);
      expect(formatResourceSet(resourcesContain(ta, child)), f).toBe('none');
      if (child.asnum.length > 0) withAs++;
    }
    expect(withAs).toBeGreaterThan(100);
  });

  it('every certificate among the fixtures decodes, or is rejected for a reason the fixtures document', () => {
    const files = fixtureFiles('real', (f) => f.endsWith('.cer'));
    expect(files.length).toBeGreaterThan(1000);
    const failed: string[] = [];
    for (const f of files) {
      const d = decodeResources(fixture(f));
      expect(d.codes.filter((c) => c === 'internal.bug'), f).toEqual([]);
      if (d.codes.length > 0) failed.push(`${f.slice(f.lastIndexOf('/') + 1)} ${d.codes.join(' ')}`);
    }
    expect(failed.sort()).toEqual([
      'badCertResourcesASEmpty.cer resources.as.empty',
      'badCertResourcesBadAFI.cer resources.ip.afi-unknown',
      'badCertResourcesBadASOrder.cer resources.as.range-reversed',
      'badCertResourcesBadV4Order.cer resources.ip.order',
      'badCertResourcesBadV6Order.cer resources.ip.order',
      'badCertResourcesIPEmpty.cer resources.ip.empty',
      'badCertResourcesSAFI.cer resources.ip.safi-present',
      'empty-file.cer der.tag.missing',
      'res_incorrect.cer resources.ip.address-too-long',
    ]);
  });
});

describe('formatting real values', () => {
  it('prints AS ranges the way findings name them', () => {
    expect(formatAsRange({ min: 56320, max: 58367 })).toBe('AS56320-AS58367');
  });
});
