import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportData, uniqueAspas, uniqueRouterKeys, uniqueVrps } from '../core/output/payloads.ts';
import { makeFinding } from '../core/report/finding.ts';
import type { Vrp } from '../core/validate/types.ts';
import { StorageError, toStorageError } from './errors.ts';
import { TA_URI, UNREACHED_URI, caUri, fakeRun, mftUri, putObjects, roaUri } from './fake-run.ts';
import { emptyCounts, type NewSnapshot, type SnapshotMeta } from './meta.ts';
import { DB_VERSION, keysUnder, migrations, STORES, type LensDB } from './schema.ts';
import { CHUNK_SIZE, estimateUsage, openStore, type Store } from './store.ts';

let dbCount = 0;
const fresh = () => `test-${++dbCount}-${Math.random()}`;
const input = (name: string, extra: Partial<NewSnapshot> = {}): NewSnapshot => ({
  name,
  source: { kind: 'file', label: `${name}.tgz` },
  evaluationTime: 1_700_000_000,
  tals: ['example'],
  ...extra,
});

/** Rows of each store under one snapshot's key prefix, read through a second connection. */
async function rowCounts(dbName: string, id: string): Promise<Record<string, number>> {
  const db = await openDB<LensDB>(dbName);
  const out: Record<string, number> = {};
  for (const s of STORES) out[s] = s === 'snapshots' ? await db.count(s, id) : await db.count(s, keysUnder(id));
  db.close();
  return out;
}

async function storedReports(store: Store, id: string): Promise<number> {
  let n = 0;
  for await (const batch of store.streamReports(id)) n += batch.length;
  return n;
}

async function completeSnapshot(store: Store, name: string, cas = 3, roas = 10): Promise<SnapshotMeta> {
  const run = fakeRun(cas, roas);
  const meta = await store.createSnapshot(input(name));
  const at = await putObjects(store, meta.id, run.reports.map((r) => ({ uri: r.uri, bytes: new TextEncoder().encode(r.uri) })));
  await store.putReports(meta.id, run.reports, at);
  await store.putPayloads(meta.id, run);
  return store.finishSnapshot(meta.id, { elapsedMs: 1234 });
}

const restore: (() => void)[] = [];
afterEach(() => {
  while (restore.length) restore.pop()!();
  vi.unstubAllGlobals();
});

/** Makes IDBObjectStore.put misbehave on one store from the `after`-th call on. */
function breakPut(storeName: string, after: number, fault: (store: IDBObjectStore) => void): void {
  const put = IDBObjectStore.prototype.put;
  let calls = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName && ++calls > after) fault(this);
    return put.apply(this, args);
  };
  restore.push(() => (IDBObjectStore.prototype.put = put));
}

const report = (uri: string) => ({ uri, type: 'roa' as const, status: 'valid' as const, findings: [] });

describe('snapshot records', () => {
  it('creates a snapshot loading with zero counts, lists newest first, finishes it complete', async () => {
    const store = await openStore(fresh());
    const a = await store.createSnapshot(input('a', { createdAt: 1000 }));
    const b = await store.createSnapshot(input('b', { createdAt: 2000 }));
    expect(a.status).toBe('loading');
    expect(a.counts.objects).toBe(0);
    expect(a.counts.byType.roa).toEqual({});
    expect((await store.listSnapshots()).map((m) => m.name)).toEqual(['b', 'a']);
    expect((await store.markValidating(a.id)).status).toBe('validating');
    const done = await store.finishSnapshot(a.id, { elapsedMs: 42, name: 'renamed' });
    expect(done).toMatchObject({ status: 'complete', elapsedMs: 42, name: 'renamed', source: { kind: 'file', label: 'a.tgz' } });
    expect(await store.getSnapshot(a.id)).toEqual(done);
    await expect(store.finishSnapshot(a.id)).rejects.toMatchObject({ kind: 'other' });
    expect((await store.getSnapshot(b.id))!.status).toBe('loading');
    store.close();
  });

  it('finishes only after the writes under way are stored', async () => {
    const store = await openStore(fresh());
    const { reports } = fakeRun(10, 500);
    const { id } = await store.createSnapshot(input('w'));
    async function* slow() {
      for (let i = 0; i < reports.length; i += 700) {
        await new Promise((r) => setTimeout(r, 1));
        yield reports.slice(i, i + 700);
      }
    }
    const writing = store.putReports(id, slow());
    const done = await store.finishSnapshot(id);
    expect(await writing).toBe(reports.length);
    expect(done.status).toBe('complete');
    expect(done.counts.byType.roa.valid! + done.counts.byType.roa.invalid! + done.counts.byType.roa.unreached!).toBe(5001);
    store.close();
  });

  it('ends a run failed, not complete, when the source of its rows broke', async () => {
    const store = await openStore(fresh());
    const { id } = await store.createSnapshot(input('w'));
    async function* broken() {
      yield fakeRun(1, 3).reports;
      throw new Error('the archive is truncated');
    }
    await expect(store.putReports(id, broken())).rejects.toThrow('the archive is truncated');
    await expect(store.finishSnapshot(id)).rejects.toBeInstanceOf(StorageError);
    const meta = (await store.getSnapshot(id))!;
    expect(meta).toMatchObject({ status: 'failed', error: { kind: 'run' } });
    expect(meta.error!.message).toContain('the archive is truncated');
    expect(await store.childrenOf(id, caUri(0))).toHaveLength(5);
    store.close();
  });

  it('refuses an id that exists', async () => {
    const store = await openStore(fresh());
    await store.createSnapshot(input('a', { id: 'same' }));
    await expect(store.createSnapshot(input('b', { id: 'same' }))).rejects.toBeInstanceOf(StorageError);
    expect((await store.getSnapshot('same'))!.name).toBe('a');
    store.close();
  });
});

describe('objects', () => {
  it('stores each object\'s own bytes in packs, found through its report, and counts them', async () => {
    const name = fresh();
    const store = await openStore(name);
    const { id } = await store.createSnapshot(input('o'));
    const archive = new Uint8Array(1 << 20).map((_, i) => i & 255);
    const entries = [
      { uri: 'rsync://x/a.roa', bytes: archive.subarray(1000, 1100) },
      { uri: 'rsync://x/b.cer', bytes: Uint8Array.of(0x30, 0x00) },
      { uri: 'rsync://x/c.crl', bytes: archive.subarray(5, 205) },
    ];
    // Packs of at most 100 bytes, unless one object is larger: a.roa fills the first, b.cer starts the second, and
    // c.crl (200 bytes) does not fit beside it.
    const at = await putObjects(store, id, entries, 100);
    expect([...at]).toEqual([['rsync://x/a.roa', [0, 0, 100]], ['rsync://x/b.cer', [1, 0, 2]], ['rsync://x/c.crl', [2, 0, 200]]]);
    await store.putReports(id, entries.map((e) => report(e.uri)), at);
    expect((await rowCounts(name, id)).packs).toBe(3);
    // Each pack is stored at its own size, not with the room left in the buffer it was built in.
    const db = await openDB<LensDB>(name);
    expect((await db.get('packs', [id, 1]))!.bytes!.buffer.byteLength).toBe(2);
    db.close();
    const a = (await store.getObjectBytes(id, 'rsync://x/a.roa'))!;
    expect([a.byteLength, a.buffer.byteLength]).toEqual([100, 100]);
    expect([...a.subarray(0, 3)]).toEqual([1000 & 255, 1001 & 255, 1002 & 255]);
    expect([...(await store.getObjectBytes(id, 'rsync://x/b.cer'))!]).toEqual([0x30, 0x00]);
    expect([...(await store.getObjectBytes(id, 'rsync://x/c.crl'))!]).toEqual([...archive.subarray(5, 205)]);
    expect(await store.getObjectBytes(id, 'rsync://x/none')).toBeUndefined();
    expect((await store.getReport(id, 'rsync://x/a.roa'))).toEqual(report('rsync://x/a.roa'));
    expect((await store.getSnapshot(id))!.counts).toMatchObject({ objects: 3, bytes: 302 });
    store.close();
  });

  it('still reads packs stored as Blobs (schema 2 before packs of bytes)', async () => {
    const name = fresh();
    const store = await openStore(name);
    const { id } = await store.createSnapshot(input('blob packs'));
    await store.putReports(id, [report('rsync://x/old.roa')], new Map([['rsync://x/old.roa', [0, 1, 3]]]));
    const db = await openDB<LensDB>(name);
    await db.put('packs', { snapshotId: id, pack: 0, blob: new Blob([Uint8Array.of(9, 1, 2, 9)]) });
    db.close();
    expect([...(await store.getObjectBytes(id, 'rsync://x/old.roa'))!]).toEqual([1, 2]);
    store.close();
  });

  it('still reads the object rows of a snapshot stored before packs', async () => {
    const name = fresh();
    const store = await openStore(name);
    const { id } = await store.createSnapshot(input('schema 1'));
    await store.putReports(id, [report('rsync://x/old.roa')]);
    const db = await openDB<LensDB>(name);
    await db.put('objects', { snapshotId: id, uri: 'rsync://x/old.roa', bytes: Uint8Array.of(1, 2, 3) });
    db.close();
    expect([...(await store.getObjectBytes(id, 'rsync://x/old.roa'))!]).toEqual([1, 2, 3]);
    store.close();
  });
});

describe('upgrade', () => {
  it('moves the report rows of schema 1 into directory groups, keeping object rows readable', async () => {
    const name = fresh();
    const run = fakeRun(3, 10);
    const v1 = await openDB(name, 1, { upgrade: (db, _old, _new, tx) => void migrations[0](db, tx as never) });
    await v1.put('snapshots', { ...input('old'), id: 'old', createdAt: 1, status: 'complete', counts: emptyCounts() });
    for (const r of run.reports) {
      const parent = r.issuer ?? (r.ta !== undefined ? '' : undefined);
      await v1.put('reports', { ...r, snapshotId: 'old', codeKeys: [], terms: [], ...(parent === undefined ? {} : { parent }) });
    }
    await v1.put('objects', { snapshotId: 'old', uri: TA_URI, bytes: Uint8Array.of(9) });
    v1.close();

    const store = await openStore(name);
    expect((await store.childrenOf('old', null)).map((r) => r.uri)).toEqual([TA_URI]);
    expect((await store.childrenOf('old', TA_URI)).map((r) => r.uri)).toEqual([caUri(0), caUri(1), caUri(2)]);
    expect(await store.childrenOf('old', caUri(1))).toHaveLength(12);
    const invalid = run.reports.find((r) => r.status === 'invalid')!;
    expect(await store.getReport('old', invalid.uri)).toEqual(invalid);
    expect((await store.reportsByCode('old', 'cms.signature.invalid')).map((r) => r.uri)).toEqual(
      run.reports.filter((r) => r.status === 'invalid').map((r) => r.uri),
    );
    expect([...(await store.getObjectBytes('old', TA_URI))!]).toEqual([9]);
    expect(await storedReports(store, 'old')).toBe(run.reports.length);
    // No URI list was stored then: a name search gathers the URIs from the reports.
    expect((await store.search('old', 'roa-1-1')).map((h) => h.report.uri)).toEqual([roaUri(1, 1)]);
    store.close();
  });
});

describe('URI lists', () => {
  it('a complete snapshot keeps each report URI once, sorted, and searches answer as from the reports', async () => {
    const name = fresh();
    const store = await openStore(name);
    const run = fakeRun(3, 10);
    const { id } = await store.createSnapshot(input('listed'));
    await store.putReports(id, run.reports);
    await store.putReports(id, [run.reports[5]]); // written again: listed once
    await store.finishSnapshot(id);
    const db = await openDB<LensDB>(name);
    expect((await db.get('uris', [id, 0]))!.uris).toEqual(run.reports.map((r) => r.uri).sort());

    const queries = ['ca1', 'roa-1-1', 'orphan', 'repo/', '.mft'];
    const answers = async (s: Store) => Promise.all(queries.map(async (q) => (await s.search(id, q, 100)).map((h) => `${h.match} ${h.report.uri}`)));
    const listed = await answers(store);
    expect(listed.flat().length).toBeGreaterThan(30);
    store.close();
    await db.delete('uris', [id, 0]);
    db.close();
    const again = await openStore(name); // no list, and nothing cached
    expect(await answers(again)).toEqual(listed);
    again.close();
  });
});

describe('reports', () => {
  it('round-trips a report and counts types, statuses and finding codes', async () => {
    const store = await openStore(fresh());
    const run = fakeRun(3, 10);
    const { id } = await store.createSnapshot(input('r'));
    expect(await store.putReports(id, run.reports)).toBe(run.reports.length);
    const invalid = run.reports.find((r) => r.status === 'invalid')!;
    expect(await store.getReport(id, invalid.uri)).toEqual(invalid);
    expect(await store.getReport(id, TA_URI)).toEqual(run.reports[0]);
    const { counts } = (await store.getSnapshot(id))!;
    const invalidRoas = run.reports.filter((r) => r.type === 'roa' && r.status === 'invalid').length;
    expect(invalidRoas).toBe(4);
    expect(counts.byType.roa).toEqual({ valid: 26, invalid: 4, unreached: 1 });
    expect(counts.byType.cer).toEqual({ valid: 4 });
    expect(counts.byType.mft).toEqual({ valid: 3 });
    expect(counts.findingsByCode).toEqual({ 'cert.validity.expired': 4, 'cms.signature.invalid': 4, 'walk.object.unreached': 1 });
    store.close();
  });

  it('writes a directory larger than a batch in one put, not once per part', async () => {
    const store = await openStore(fresh());
    const { id } = await store.createSnapshot(input('big directory'));
    const rows: string[] = [];
    breakPut('reports', 0, (s) => rows.push(s.name));
    const { reports } = fakeRun(1, 5000);
    expect(await store.putReports(id, reports)).toBe(5005);
    // The TA's, the CAs' and ca0's 5,002 reports in one transaction, then the orphan's directory.
    expect(rows).toHaveLength(4);
    expect(await storedReports(store, id)).toBe(5005);
    store.close();
  });

  it('merges reports of one directory written by writes under way at once', async () => {
    const store = await openStore(fresh());
    const { id } = await store.createSnapshot(input('s'));
    const uris = ['rsync://x/d/a.roa', 'rsync://x/d/b.roa', 'rsync://x/d/c.roa'];
    await Promise.all(uris.map((uri) => store.putReports(id, [report(uri)])));
    const stored: string[] = [];
    for await (const batch of store.streamReports(id, 10)) stored.push(...batch.map((r) => r.uri));
    expect(stored).toEqual(uris);
    store.close();
  });

  it('takes rows and row arrays from an async stream, in batches', async () => {
    const store = await openStore(fresh());
    const { reports } = fakeRun(20, 200);
    const { id } = await store.createSnapshot(input('s'));
    async function* stream() {
      yield reports.slice(0, 2500);
      for (const r of reports.slice(2500, 2600)) yield r;
      yield reports.slice(2600);
    }
    expect(await store.putReports(id, stream())).toBe(reports.length);
    const streamed: string[] = [];
    let batchCount = 0;
    // 23 directories (the TA's, the CAs', one per CA, the orphan's), 10 at a time.
    for await (const batch of store.streamReports(id, 10)) {
      batchCount++;
      streamed.push(...batch.map((r) => r.uri));
    }
    // Directory by directory, each in URI order; the batches split ca3's directory, whose reports merged.
    const dir = (uri: string) => uri.slice(0, uri.lastIndexOf('/') + 1);
    const order = (a: string, b: string) => (dir(a) === dir(b) ? (a < b ? -1 : 1) : dir(a) < dir(b) ? -1 : 1);
    expect(streamed).toEqual(reports.map((r) => r.uri).sort(order));
    expect(batchCount).toBe(3);
    store.close();
  });
});

describe('indexes', async () => {
  const store = await openStore(fresh());
  const run = fakeRun(3, 10);
  const { id } = await store.createSnapshot(input('i'));
  await store.putReports(id, run.reports);

  it('gives the trust anchors, then the children of a CA in URI order, in pages', async () => {
    expect((await store.childrenOf(id, null)).map((r) => r.uri)).toEqual([TA_URI]);
    expect((await store.childrenOf(id, TA_URI)).map((r) => r.uri)).toEqual([caUri(0), caUri(1), caUri(2)]);
    const all = (await store.childrenOf(id, caUri(1))).map((r) => r.uri);
    expect(all).toHaveLength(12);
    expect(all).toEqual([...all].sort());
    expect(all).toContain(mftUri(1));
    const pages = [];
    for (let offset = 0; offset < 12; offset += 5) pages.push(...(await store.childrenOf(id, caUri(1), { offset, limit: 5 })));
    expect(pages.map((r) => r.uri)).toEqual(all);
    expect(await store.childrenOf(id, caUri(1), { offset: 12 })).toEqual([]);
  });

  it('keeps unreached objects out of the tree', async () => {
    const inTree = [TA_URI, ...(await store.childrenOf(id, TA_URI)).map((r) => r.uri)];
    for (let i = 0; i < 3; i++) inTree.push(...(await store.childrenOf(id, caUri(i))).map((r) => r.uri));
    expect(inTree).toHaveLength(run.reports.length - 1);
    expect(inTree).not.toContain(UNREACHED_URI);
  });

  it('lists by finding code, in pages', async () => {
    const expired = await store.reportsByCode(id, 'cert.validity.expired');
    expect(expired.map((r) => r.uri)).toEqual(run.reports.filter((r) => r.status === 'invalid').map((r) => r.uri).sort());
    const page = await store.reportsByCode(id, 'cert.validity.expired', { offset: 1, limit: 2 });
    expect(page.map((r) => r.uri)).toEqual(expired.slice(1, 3).map((r) => r.uri));
    expect(await store.reportsByCode(id, 'no.such.code')).toEqual([]);
  });
});

describe('payloads', () => {
  it('stores VRPs unique and in rpki-client order, in chunks, and replaces them when written again', async () => {
    const store = await openStore(fresh());
    const { id } = await store.createSnapshot(input('p'));
    const vrps: Vrp[] = [];
    for (let i = 0; i < 25_000; i++) {
      const prefix = `10.${(i >> 8) & 255}.${i & 255}.0/24`;
      vrps.push({ asn: 64496 + (i % 7), prefix, maxLength: 24, ta: i % 2 ? 'a' : 'b', expires: i, roa: `rsync://x/${i % 300}.roa` });
    }
    const shuffled = [...vrps, ...vrps.slice(0, 1000).map((v) => ({ ...v, expires: v.expires - 1 }))].reverse();
    const aspas = [
      { customer: 65002, providers: [1, 2], ta: 'a', expires: 5, uri: 'rsync://x/2.asa' },
      { customer: 65001, providers: [3], ta: 'a', expires: 5, uri: 'rsync://x/1.asa' },
    ];
    const routerKeys = [{ asn: 65010, ski: 'ab', pubkey: 'MFkw', ta: 'a', expires: 5, uri: 'rsync://x/r.cer' }];
    await store.putPayloads(id, { vrps: shuffled, aspas, routerKeys });
    const expected = uniqueVrps(vrps).map(({ parsed: _p, ...v }) => v);
    expect(expected).toHaveLength(25_000);
    expect(await store.getVrps(id)).toEqual(expected);
    expect(await store.getAspas(id)).toEqual(uniqueAspas(aspas));
    expect(await store.getRouterKeys(id)).toEqual(uniqueRouterKeys(routerKeys));
    expect((await store.getSnapshot(id))!.counts).toMatchObject({ vrps: 25_000, aspas: 2, routerKeys: 1 });
    expect((await rowCounts(store.name, id)).vrps).toBe(Math.ceil(25_000 / CHUNK_SIZE));

    await store.putPayloads(id, { vrps: vrps.slice(0, 10), aspas: [], routerKeys: [] });
    expect(await store.getVrps(id)).toEqual(uniqueVrps(vrps.slice(0, 10)).map(({ parsed: _p, ...v }) => v));
    expect(await store.getAspas(id)).toEqual([]);
    expect(await rowCounts(store.name, id)).toMatchObject({ vrps: 1, aspas: 0, routerKeys: 0 });
    expect((await store.getSnapshot(id))!.counts).toMatchObject({ vrps: 10, aspas: 0, routerKeys: 0 });
    store.close();
  });

  it('stores what exportData made as it is, with its stats', async () => {
    const store = await openStore(fresh());
    const run = fakeRun(2, 5);
    const { id } = await store.createSnapshot(input('x'));
    const data = exportData({ time: 1_700_000_000, ...run }, ['example']);
    expect(data.stats.vrps).toBe(run.vrps.length);
    await store.putPayloads(id, data);
    expect(await store.getVrps(id)).toEqual(data.vrps.map(({ parsed: _p, ...v }) => v));
    expect((await store.getSnapshot(id))!.stats).toEqual(data.stats);
    await store.finishSnapshot(id);
    expect(await store.getExportData(id)).toEqual(data);
    store.close();
  });

  it('rebuilds the export data of a completed snapshot', async () => {
    const store = await openStore(fresh());
    const run = fakeRun(2, 5);
    const { id } = await store.createSnapshot(input('e'));
    await store.putPayloads(id, run);
    expect(await store.getExportData(id)).toBeUndefined();
    const stats = { vrps: run.vrps.length } as never;
    await store.finishSnapshot(id, { stats });
    const data = (await store.getExportData(id))!;
    expect(data.time).toBe(1_700_000_000);
    expect(data.stats).toEqual(stats);
    expect(data.vrps).toEqual(uniqueVrps(run.vrps));
    store.close();
  });
});

describe('deleting', () => {
  it('removes every row of one snapshot and nothing of another', async () => {
    const name = fresh();
    const store = await openStore(name);
    const keep = await completeSnapshot(store, 'keep');
    const gone = await completeSnapshot(store, 'gone');
    const keepBefore = await rowCounts(name, keep.id);
    expect(await rowCounts(name, gone.id)).toEqual(keepBefore);
    // Report rows: one per directory (the TA's, the CAs', three CAs' own, the orphan's).
    expect(keepBefore).toMatchObject({ snapshots: 1, objects: 0, packs: 1, reports: 6, vrps: 1, aspas: 1, routerKeys: 1, uris: 1 });
    await store.deleteSnapshot(gone.id);
    expect(await rowCounts(name, gone.id)).toEqual({ snapshots: 0, objects: 0, packs: 0, reports: 0, vrps: 0, aspas: 0, routerKeys: 0, uris: 0 });
    expect(await rowCounts(name, keep.id)).toEqual(keepBefore);
    expect(await store.childrenOf(gone.id, TA_URI)).toEqual([]);
    expect(await store.getSnapshot(keep.id)).toEqual(keep);
    expect((await store.listSnapshots()).map((m) => m.id)).toEqual([keep.id]);
    store.close();
  });

  it('ends a run of the deleted snapshot', async () => {
    const store = await openStore(fresh());
    const { id } = await store.createSnapshot(input('x'));
    await store.deleteSnapshot(id);
    await expect(store.putReports(id, fakeRun(1, 1).reports)).rejects.toMatchObject({ kind: 'other' });
    expect(await store.getSnapshot(id)).toBeUndefined();
    store.close();
  });
});

describe('interrupted runs', () => {
  it('marks the runs of a closed tab incomplete at the next start, keeping what they stored', async () => {
    const name = fresh();
    const first = await openStore(name);
    const done = await completeSnapshot(first, 'done');
    const { id } = await first.createSnapshot(input('cut'));
    await first.putReports(id, fakeRun(1, 7).reports);
    const validating = await first.createSnapshot(input('cut while validating'));
    await first.markValidating(validating.id);
    first.close();

    const next = await openStore(name);
    const mine = await next.createSnapshot(input('running here'));
    expect((await next.markIncomplete()).sort()).toEqual([id, validating.id].sort());
    const cut = (await next.getSnapshot(id))!;
    expect(cut.status).toBe('incomplete');
    expect(cut.error?.kind).toBe('interrupted');
    expect(cut.counts.byType.roa).toEqual({ valid: 6, invalid: 1, unreached: 1 });
    expect(await next.childrenOf(id, caUri(0))).toHaveLength(9);
    expect((await next.getSnapshot(validating.id))!.status).toBe('incomplete');
    expect(await next.getSnapshot(done.id)).toEqual(done);
    expect((await next.getSnapshot(mine.id))!.status).toBe('loading');
    expect(await next.markIncomplete()).toEqual([]);
    next.close();
  });

  it('leaves the runs of another open tab alone when the Locks API says they are held', async () => {
    const held = new Set<string>();
    vi.stubGlobal('navigator', {
      locks: {
        request: (lock: string, cb: () => Promise<void>) => {
          held.add(lock);
          return cb().finally(() => held.delete(lock));
        },
        query: async () => ({ held: [...held].map((n) => ({ name: n })) }),
      },
    });
    const name = fresh();
    const otherTab = await openStore(name);
    const closedTab = await openStore(name);
    const alive = await otherTab.createSnapshot(input('alive'));
    const dead = await closedTab.createSnapshot(input('dead'));
    closedTab.close();
    await Promise.resolve();
    expect(held.has(`${name}:snapshot:${alive.id}`)).toBe(true);
    expect(held.has(`${name}:snapshot:${dead.id}`)).toBe(false);

    const starting = await openStore(name);
    expect(await starting.markIncomplete()).toEqual([dead.id]);
    expect((await starting.getSnapshot(alive.id))!.status).toBe('loading');
    await otherTab.finishSnapshot(alive.id);
    await Promise.resolve();
    expect(held.size).toBe(0);
    otherTab.close();
    starting.close();
  });
});

describe('failures', () => {
  it('reports a full disk as quota, ends the run failed, rolls back the batch and spares other snapshots', async () => {
    const name = fresh();
    const store = await openStore(name);
    const other = await completeSnapshot(store, 'other');
    const otherRows = await rowCounts(name, other.id);
    const { reports } = fakeRun(10, 600);
    const { id } = await store.createSnapshot(input('full'));
    // Whole directories of at least 2,000 reports to a transaction: 6 rows (2,419 reports), then 4 (2,408); the
    // 13th put, in the third transaction, fails.
    breakPut('reports', 12, () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });

    const error = await store.putReports(id, reports).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ kind: 'quota', message: expect.stringContaining('delete older snapshots') });
    const meta = (await store.getSnapshot(id))!;
    expect(meta.status).toBe('failed');
    expect(meta.error?.kind).toBe('quota');
    // The first two transactions committed, the third failed and left nothing.
    expect(await storedReports(store, id)).toBe(2419 + 2408);
    const counted = Object.values(meta.counts.byType).flatMap((s) => Object.values(s)).reduce((a, b) => a + b, 0);
    expect(counted).toBe(2419 + 2408);
    await expect(putObjects(store, id, [{ uri: 'rsync://x/y.cer', bytes: Uint8Array.of(1) }])).rejects.toMatchObject({ kind: 'quota' });
    await expect(store.finishSnapshot(id)).rejects.toMatchObject({ kind: 'quota' });
    expect((await store.getSnapshot(id))!.status).toBe('failed');

    expect(await store.getSnapshot(other.id)).toEqual(other);
    expect(await rowCounts(name, other.id)).toEqual(otherRows);
    store.close();
  });

  it('reports quota when the browser aborts the transaction for lack of space after its requests were queued', async () => {
    const name = fresh();
    const store = await openStore(name);
    const { id } = await store.createSnapshot(input('full later'));
    // What Chromium does when a commit does not fit: the transaction aborts with QuotaExceededError and each of
    // its requests fails with AbortError. The 8th put is in the second transaction.
    breakPut('reports', 7, (s) => {
      const tx = s.transaction as IDBTransaction & { _abort(name: string): void };
      queueMicrotask(() => tx.error === null && tx._abort('QuotaExceededError'));
    });
    await expect(store.putReports(id, fakeRun(10, 600).reports)).rejects.toMatchObject({ kind: 'quota' });
    expect((await store.getSnapshot(id))!).toMatchObject({ status: 'failed', error: { kind: 'quota' } });
    expect(await storedReports(store, id)).toBe(2419);
    store.close();
  });

  it('ends a run failed when a transaction is aborted under it', async () => {
    const name = fresh();
    const store = await openStore(name);
    const other = await completeSnapshot(store, 'other');
    const { id } = await store.createSnapshot(input('aborted'));
    breakPut('packs', 2, (s) => s.transaction.abort());
    const entries = fakeRun(5, 100).reports.map((r) => ({ uri: r.uri, bytes: Uint8Array.of(1, 2) }));
    // Packs of 100 objects: the first two are stored and counted, the third is aborted and leaves nothing.
    const error = await putObjects(store, id, entries, 200).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'other', name: 'StorageError' });
    const meta = (await store.getSnapshot(id))!;
    expect(meta).toMatchObject({ status: 'failed', counts: { objects: 200, bytes: 400 } });
    expect((await rowCounts(name, id)).packs).toBe(2);
    expect(await store.getSnapshot(other.id)).toEqual(other);
    store.close();
  });

  it('ends a cancelled run incomplete and a crashed one failed', async () => {
    const store = await openStore(fresh());
    const cancelled = await store.createSnapshot(input('c'));
    await store.failSnapshot(cancelled.id, new DOMException('stopped', 'AbortError'));
    expect((await store.getSnapshot(cancelled.id))!).toMatchObject({ status: 'incomplete', error: { kind: 'cancelled' } });
    const crashed = await store.createSnapshot(input('x'));
    await store.failSnapshot(crashed.id, new Error('worker died'));
    expect((await store.getSnapshot(crashed.id))!).toMatchObject({ status: 'failed', error: { kind: 'run', message: 'worker died' } });
    await expect(store.finishSnapshot(crashed.id)).rejects.toBeInstanceOf(StorageError);
    store.close();
  });

  it('explains a library from a newer version, and closes for a newer tab', async () => {
    const name = fresh();
    const newer = await openDB(name, 7);
    newer.close();
    await expect(openStore(name)).rejects.toMatchObject({ kind: 'version', message: expect.stringContaining('reload') });

    const other = fresh();
    const store = await openStore(other);
    const upgraded = await openDB(other, DB_VERSION + 1);
    await expect(store.listSnapshots()).rejects.toMatchObject({ kind: 'version' });
    upgraded.close();
  });

  it('explains a browser without IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(openStore(fresh())).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('classifies DOMExceptions', () => {
    expect(toStorageError(new DOMException('x', 'QuotaExceededError'), 'write').kind).toBe('quota');
    expect(toStorageError(new DOMException('x', 'VersionError'), 'open').kind).toBe('version');
    expect(toStorageError(new DOMException('x', 'InvalidStateError'), 'open').kind).toBe('unavailable');
    expect(toStorageError(new DOMException('x', 'InvalidStateError'), 'read').kind).toBe('other');
    const other = toStorageError(new DOMException('disk on fire', 'UnknownError'), 'write');
    expect(other.kind).toBe('other');
    expect(other.message).toContain('UnknownError: disk on fire');
  });
});

it('reports usage and quota where the browser tells', async () => {
  expect(await estimateUsage()).toBeUndefined();
  vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 5, quota: 100, usageDetails: {} }) } });
  expect(await estimateUsage()).toEqual({ usage: 5, quota: 100 });
});

it('keeps findings as plain data through the store', async () => {
  const store = await openStore(fresh());
  const { id } = await store.createSnapshot(input('f'));
  const f = makeFinding('mft.file-hash.mismatch', { file: 'a.roa' }, { start: 10, end: 42 });
  await store.putReports(id, [{ uri: roaUri(0, 0), type: 'roa', status: 'invalid', findings: [f], ta: 'example', issuer: caUri(0) }]);
  expect((await store.getReport(id, roaUri(0, 0)))!.findings).toEqual([f]);
  store.close();
});
