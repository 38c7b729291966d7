/**
 * Volume and speed at the scale of today's global RPKI: 200,000 reports written as a run streams them and read
 * back, 500,000 VRPs stored and loaded. fake-indexeddb is far slower than a browser's IndexedDB at writing rows
 * (its index B-trees are plain JavaScript), so the figures are printed for comparison, never asserted.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { Vrp } from '../core/validate/types.ts';
import { TA_URI, caUri, fakeRun, roaAsn } from './fake-run.ts';
import { openStore } from './store.ts';

// About 25 s of CPU; the timeout leaves room for a machine busy with other work.
it('stores and reloads 200,000 reports and 500,000 VRPs', { timeout: 180_000 }, async () => {
  const figures: string[] = [];
  // CPU time beside wall time: on a busy machine the wall time says little.
  const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const out = await f();
    const { user, system } = process.cpuUsage(cpu);
    figures.push(`${label}: ${Math.round(performance.now() - t)} ms (CPU ${Math.round((user + system) / 1000)} ms)`);
    return out;
  };

  const name = `timing-${Math.random()}`;
  const { reports } = fakeRun(1000, 197);
  expect(reports.length).toBe(200_002);
  const vrps: Vrp[] = [];
  for (let i = 0; i < 500_000; i++) {
    const prefix = `${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`;
    const roa = `rsync://repo.example.net/repo/ca${i % 1000}/roa-${i % 1000}-${i % 197}.roa`;
    vrps.push({ asn: 64496 + (i % 40_000), prefix, maxLength: 24, ta: 'example', expires: 1_800_000_000 + i, roa });
  }

  const store = await openStore(name);
  const source = { kind: 'file', label: 'big.tgz' } as const;
  const { id } = await store.createSnapshot({ name: 'big', source, evaluationTime: 1_700_000_000, tals: ['example'] });
  async function* stream() {
    for (let i = 0; i < reports.length; i += 500) yield reports.slice(i, i + 500);
  }
  await time('write 200,002 reports (batches of 500 streamed in)', () => store.putReports(id, stream()));
  await time('write 500,000 VRPs (uniqueVrps, then columns)', () => store.putPayloads(id, { vrps, aspas: [], routerKeys: [] }));
  await store.finishSnapshot(id);
  store.close();

  const reopened = await time('reopen: open the library', () => openStore(name));
  const list = await time('reopen: list snapshots', () => reopened.listSnapshots());
  const invalid = reports.filter((r) => r.status === 'invalid').length;
  expect(list[0].counts.byType.roa).toEqual({ valid: 197_000 - invalid, invalid, unreached: 1 });
  expect(list[0].counts.vrps).toBe(500_000);
  const loaded = await time('load 500,000 VRPs', () => reopened.getVrps(id));
  expect(loaded.length).toBe(500_000);
  expect(loaded[0].prefix).toBe('10.0.0.0/24');
  const children = await time('trust tree: first 100 of 1,000 CAs', () => reopened.childrenOf(id, TA_URI));
  expect(children.length).toBe(100);
  expect(await time('trust tree: page at offset 900', () => reopened.childrenOf(id, TA_URI, { offset: 900, limit: 100 }))).toHaveLength(100);
  expect(await time('trust tree: children of one CA', () => reopened.childrenOf(id, caUri(500), { limit: 500 }))).toHaveLength(199);
  expect(await time('problems: first 100 with cms.signature.invalid', () => reopened.reportsByCode(id, 'cms.signature.invalid'))).toHaveLength(100);
  expect(await time('search by ASN (VRP scan + index)', () => reopened.search(id, `AS${roaAsn(7, 6)}`))).not.toHaveLength(0);
  expect(await time('search URI substring (first, loads URIs)', () => reopened.search(id, 'roa-998-'))).toHaveLength(50);
  expect(await time('search URI substring (cached URIs)', () => reopened.search(id, 'ca999/roa-999-1'))).toHaveLength(50);
  let n = 0;
  await time('read back 200,002 reports (streamReports)', async () => {
    for await (const batch of reopened.streamReports(id)) n += batch.length;
  });
  expect(n).toBe(200_002);
  reopened.close();
  console.log(`storage figures (fake-indexeddb, Node ${process.version}):\n  ${figures.join('\n  ')}`);
});
