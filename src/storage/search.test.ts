import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parsePrefix } from '../core/resources/index.ts';
import { UNREACHED_URI, caUri, fakeRun, roaAsn, roaUri } from './fake-run.ts';
import { coveringPrefixes, parseAsn } from './search.ts';
import { openStore } from './store.ts';

describe('search', async () => {
  const store = await openStore(`search-${Math.random()}`);
  const run = fakeRun(3, 10);
  const { id } = await store.createSnapshot({ name: 's', source: { kind: 'sample', label: 'sample' }, evaluationTime: 0, tals: ['example'] });
  const ski = '5a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
  const base = { status: 'valid' as const, findings: [], ta: 'example', issuer: caUri(0) };
  await store.putReports(id, [...run.reports, { ...base, uri: run.routerKeys[0].uri, type: 'cer' }, { ...base, uri: run.aspas[0].uri, type: 'asa' }]);
  await store.putReports(id, [{ ...run.reports.find((r) => r.uri === caUri(2))!, ski }]);
  await store.putPayloads(id, run);
  const other = await store.createSnapshot({ name: 'o', source: { kind: 'sample', label: 'sample' }, evaluationTime: 0, tals: [] });
  await store.putReports(other.id, run.reports);

  const hits = async (q: string, limit?: number) => (await store.search(id, q, limit)).map((h) => `${h.match} ${h.report.uri}`);

  it('finds the ROA of an ASN written either way, from its VRPs', async () => {
    const want = [`asn ${roaUri(1, 2)}`];
    expect(await hits(`AS${roaAsn(1, 2)}`)).toEqual(want);
    expect(await hits(`as${roaAsn(1, 2)}`)).toEqual(want);
    expect(await hits(String(roaAsn(1, 2)))).toEqual(want);
  });

  it('finds an invalid ROA, which has no VRP, by the ASN it carries', async () => {
    const invalid = roaUri(0, 6);
    expect(run.vrps.some((v) => v.roa === invalid)).toBe(false);
    expect(await hits(`AS${roaAsn(0, 6)}`)).toEqual([`asn ${invalid}`]);
  });

  it('finds ASPAs by customer and provider, router certificates by ASN and SKI', async () => {
    expect(await hits('AS65000')).toEqual([`asn ${run.aspas[0].uri}`]);
    expect(await hits('AS65001')).toEqual([`asn ${run.aspas[0].uri}`]);
    expect(await hits('AS65010')).toEqual([`asn ${run.routerKeys[0].uri}`]);
    const routerSki = run.routerKeys[0].ski.toUpperCase().replace(/(..)(?!$)/g, '$1:');
    expect(await hits(routerSki)).toEqual([`ski ${run.routerKeys[0].uri}`]);
    expect(await hits(ski)).toEqual([`ski ${caUri(2)}`]);
  });

  it('finds the ROAs whose VRPs cover a prefix or an address', async () => {
    // ROA i-j holds 10.i.j.0/24; ROA 0-6 is invalid and found through the prefix it carries.
    expect(await hits('10.1.2.0/24')).toEqual([`prefix ${roaUri(1, 2)}`]);
    expect(await hits('10.1.2.128/25')).toEqual([`prefix ${roaUri(1, 2)}`]);
    expect(await hits('10.1.2.77')).toEqual([`prefix ${roaUri(1, 2)}`]);
    expect(await hits('10.0.6.0/24')).toEqual([`prefix ${roaUri(0, 6)}`]);
    expect(await hits('10.1.0.0/16')).toEqual([]);
    expect(await hits('192.0.2.0/24')).toEqual([]);
  });

  it('matches file names first, then URIs, case-insensitively, up to the limit', async () => {
    expect(await hits('ROA-1-1')).toEqual([`name ${roaUri(1, 1)}`]);
    const ca1 = await hits('ca1', 100);
    const mft = 'rsync://repo.example.net/repo/ca1/ca1.mft';
    expect(ca1.slice(0, 3)).toEqual([`name ${caUri(1)}`, `name ${mft.replace('.mft', '.crl')}`, `name ${mft}`]);
    expect(ca1.slice(3)).toEqual(Array.from({ length: 10 }, (_, j) => `uri ${roaUri(1, j)}`));
    expect(await hits('repo/', 5)).toHaveLength(5);
    expect(await hits('orphan')).toEqual([`uri ${UNREACHED_URI}`]);
    expect(await hits('   ')).toEqual([]);
  });

  it('searches one snapshot only', async () => {
    expect((await store.search(other.id, 'AS65000')).map((h) => h.report.uri)).toEqual([]);
    expect((await store.search(other.id, 'orphan')).map((h) => h.report.uri)).toEqual([UNREACHED_URI]);
    await store.deleteSnapshot(other.id);
    expect(await store.search(other.id, 'orphan')).toEqual([]);
  });
});

describe('query parsing', () => {
  it('reads ASNs up to 2^32 - 1', () => {
    expect(parseAsn('AS4294967295')).toBe(4294967295);
    expect(parseAsn('4294967296')).toBeUndefined();
    expect(parseAsn('AS')).toBeUndefined();
    expect(parseAsn('64496x')).toBeUndefined();
  });

  it('lists the covering prefixes of a prefix', () => {
    const v4 = coveringPrefixes(parsePrefix('192.0.2.0/24'));
    expect(v4.size).toBe(25);
    expect([...v4].slice(0, 3)).toEqual(['192.0.2.0/24', '192.0.2.0/23', '192.0.0.0/22']);
    expect(v4.has('0.0.0.0/0')).toBe(true);
    const v6 = coveringPrefixes(parsePrefix('2001:db8::1'));
    expect(v6.size).toBe(129);
    expect(v6.has('2001:db8::/32')).toBe(true);
  });
});
