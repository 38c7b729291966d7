/**
 * The snapshot library in IndexedDB: a run creates a snapshot, streams its objects and reports in (one
 * transaction per batch, the snapshot's counts updated in the same transaction), stores the payloads, and
 * finishes it. Reopening the app reads the snapshot records alone.
 *
 * A run that cannot finish ends 'failed' (or 'incomplete' when cancelled) and keeps what it wrote; one whose tab
 * was closed is found 'loading' or 'validating' at the next start and marked 'incomplete'. Other snapshots never
 * share a transaction with a run, so no failure reaches them.
 */
import { openDB } from 'idb';
import { uniqueAspas, uniqueRouterKeys, uniqueVrps, type ExportData } from '../core/output/payloads.ts';
import { parsePrefix } from '../core/resources/index.ts';
import type { SnapshotLookup } from '../core/validate/chain.ts';
import type { AspaPayload, RouterKey, Vrp } from '../core/validate/types.ts';
import { BATCH_SIZE, batches, type Rows } from './batches.ts';
import { StorageError, explanations, toStorageError, type StorageAction } from './errors.ts';
import { heldLocks, holdLock } from './locks.ts';
import { countReport, emptyCounts, isRunning, reportCodes } from './meta.ts';
import type { FinishPatch, NewSnapshot, SnapshotError, SnapshotMeta } from './meta.ts';
import * as q from './queries.ts';
import type { Page } from './queries.ts';
import { DB_VERSION, PAYLOAD_STORES, STORES, keysUnder, upgrade } from './schema.ts';
import type { LensDatabase, ReportEntry, StoredReport } from './schema.ts';
import { byGroup, entryOf, groupRow, term, toReport } from './groups.ts';
import { search, type SearchHit } from './search.ts';
import { encodeVrps } from './vrp-columns.ts';
import { PACK_BYTES, PackWriter, type ObjectLocations } from './packs.ts';

export type { ObjectLocations } from './packs.ts';

/** Payloads per chunk record. */
export const CHUNK_SIZE = 10_000;

export interface Payloads {
  vrps: readonly Vrp[];
  aspas: readonly AspaPayload[];
  routerKeys: readonly RouterKey[];
}

interface Run {
  release: () => void;
  /** Writes under way, so that finishing waits for them. */
  pending: Set<Promise<unknown>>;
  /** The first error of a write or of a source of rows. */
  stopped?: unknown;
  /** Set when the run has ended without completing: later writes are refused with it. */
  failed?: StorageError;
  /** Directories whose report group a write of this run has begun: only these have a row to merge with. */
  grouped: Set<string>;
  /** The URIs of the reports written, for the snapshot's URI list. */
  uris: string[];
}

export async function openStore(name = 'rpki-lens'): Promise<Store> {
  if (typeof indexedDB === 'undefined') throw new StorageError('unavailable', explanations.unavailable);
  let store: Store | undefined;
  const db = await new Promise<LensDatabase>((resolve, reject) => {
    let settled = false;
    openDB(name, DB_VERSION, {
      upgrade,
      // Another tab still has an older version open; the open waits until that tab lets go, which may be never.
      blocked: () => {
        settled = true;
        reject(new StorageError('blocked', explanations.blocked));
      },
      // A newer version of the app wants to upgrade: let it, and make this tab's later calls say why they fail.
      blocking: () => store?.close('version'),
      terminated: () => store?.close('unavailable'),
    }).then(
      (db) => (settled ? db.close() : resolve(db)),
      (e) => reject(toStorageError(e, 'open')),
    );
  });
  store = new Store(name, db);
  return store;
}

export class Store {
  private readonly runs = new Map<string, Run>();
  private closed?: StorageError;
  /** The URIs of the snapshot searched last, for substring search. */
  private uriCache?: { id: string; uris: Promise<string[]> };

  constructor(
    readonly name: string,
    private readonly database: LensDatabase,
  ) {}

  private get db(): LensDatabase {
    if (this.closed) throw this.closed;
    return this.database;
  }

  /** Closes the connection and lets go of this store's runs (a closed tab does the same). */
  close(reason: 'version' | 'unavailable' | 'closed' = 'closed'): void {
    this.closed ??= new StorageError(reason === 'closed' ? 'other' : reason, reason === 'closed' ? 'The library is closed.' : explanations[reason]);
    for (const run of this.runs.values()) run.release();
    this.runs.clear();
    this.database.close();
  }

  private async attempt<T>(action: StorageAction, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (e) {
      throw toStorageError(e, action);
    }
  }

  /** A run of this store that has not ended. */
  private isLive(id: string): boolean {
    const run = this.runs.get(id);
    return run !== undefined && !run.failed;
  }

  private lockName(id: string): string {
    return `${this.name}:snapshot:${id}`;
  }

  // Runs

  async createSnapshot(input: NewSnapshot): Promise<SnapshotMeta> {
    const id = input.id ?? crypto.randomUUID();
    const release = await holdLock(this.lockName(id));
    const meta: SnapshotMeta = {
      id,
      name: input.name,
      source: input.source,
      createdAt: input.createdAt ?? Date.now(),
      evaluationTime: input.evaluationTime,
      status: 'loading',
      tals: input.tals,
      counts: emptyCounts(),
    };
    try {
      await this.attempt('write', () => {
        const tx = this.db.transaction('snapshots', 'readwrite');
        return commit(tx, async (requests) => {
          if (await tx.store.getKey(id)) throw new StorageError('other', `A snapshot ${id} exists already.`);
          requests.push(tx.store.add(meta));
        });
      });
    } catch (e) {
      release();
      throw e;
    }
    this.runs.set(id, { release, pending: new Set(), grouped: new Set(), uris: [] });
    return meta;
  }

  /** Counts an operation of a run as under way until it settles: finishing waits for it, and refuses if it failed. */
  private track<T>(id: string, p: Promise<T>): Promise<T> {
    const run = this.runs.get(id);
    if (run) {
      run.pending.add(p);
      p.then(
        () => run.pending.delete(p),
        (e: unknown) => {
          run.pending.delete(p);
          run.stopped ??= e;
        },
      );
    }
    return p;
  }

  /**
   * Runs one write of a live run. A failure aborts the write's transaction, ends the run 'failed' with the
   * explanation, and is thrown; later writes of the run are refused with the same error.
   */
  private write<T>(id: string, body: (db: LensDatabase) => Promise<T>): Promise<T> {
    const run = this.runs.get(id);
    if (!run) return Promise.reject(new StorageError('other', `Snapshot ${id} is not being written by this tab.`));
    if (run.failed) return Promise.reject(run.failed);
    if (this.uriCache?.id === id) this.uriCache = undefined;
    const p = this.attempt('write', () => body(this.db)).catch(async (e: StorageError) => {
      await this.endRun(id, { kind: e.kind, message: e.message }, 'failed', e);
      throw e;
    });
    return this.track(id, p);
  }

  /**
   * A sink for a run's objects (./packs.ts): packs of about `packBytes` are written as they fill, each in one
   * transaction with the snapshot's counts, and read back from here once let go.
   */
  packWriter(id: string, packBytes = PACK_BYTES): PackWriter {
    return new PackWriter(
      (pack, bytes, objects) =>
        this.write(id, (db) => {
          const tx = db.transaction(['packs', 'snapshots'], 'readwrite');
          return commit(tx, async (requests) => {
            const meta = await liveMeta(tx.objectStore('snapshots'), id);
            meta.counts.objects += objects;
            meta.counts.bytes += bytes.byteLength;
            requests.push(tx.objectStore('packs').put({ snapshotId: id, pack, bytes }), tx.objectStore('snapshots').put(meta));
          });
        }),
      async (pack) => {
        const bytes = (await this.attempt('read', () => this.db.get('packs', [id, pack])))?.bytes;
        if (!bytes) throw new StorageError('other', `Pack ${pack} of snapshot ${id} is not in the library.`);
        return bytes;
      },
      packBytes,
    );
  }

  /**
   * Stores reports, one per URI (a second write of a URI replaces it but is counted again), with where each
   * object's bytes are when `at` (from packWriter) knows. Reports are merged into the groups of their directories,
   * whole groups of at least BATCH_SIZE reports to a transaction, with the snapshot's updated counts: a directory
   * split across transactions would have its row read and rewritten once per part. An error of the rows' source is
   * thrown as it is.
   */
  putReports(id: string, reports: Rows<StoredReport>, at?: ObjectLocations): Promise<number> {
    const writeGroups = (db: LensDatabase, groups: [string, ReportEntry[]][]) => {
      const tx = db.transaction(['reports', 'snapshots'], 'readwrite');
      // Transactions over the same store run in the order they were made, so a later write reads this one's rows.
      const grouped = this.runs.get(id)!.grouped;
      const merge = groups.map(([dir]) => grouped.has(dir));
      for (const [dir] of groups) grouped.add(dir);
      return commit(tx, async (requests) => {
        const meta = await liveMeta(tx.objectStore('snapshots'), id);
        const store = tx.objectStore('reports');
        for (const [, entries] of groups) for (const e of entries) countReport(meta.counts, e, reportCodes(e));
        const held = await Promise.all(groups.map(([dir], i) => (merge[i] ? store.get([id, dir]) : undefined)));
        groups.forEach(([dir, entries], i) => requests.push(store.put(groupRow(id, dir, held[i]?.reports, entries))));
        requests.push(tx.objectStore('snapshots').put(meta));
      });
    };
    return this.track(
      id,
      (async () => {
        let n = 0;
        const uris = this.runs.get(id)?.uris;
        for await (const arrived of batches(reports, Number.POSITIVE_INFINITY)) {
          if (uris) for (const r of arrived) uris.push(r.uri);
          let chunk: [string, ReportEntry[]][] = [];
          let size = 0;
          const groups = [...byGroup(arrived.map((r) => entryOf(r, at?.get(r.uri))))];
          for (const [i, group] of groups.entries()) {
            chunk.push(group);
            size += group[1].length;
            if (size < BATCH_SIZE && i < groups.length - 1) continue;
            const written = chunk;
            await this.write(id, (db) => writeGroups(db, written));
            n += size;
            chunk = [];
            size = 0;
          }
        }
        return n;
      })(),
    );
  }

  /**
   * Stores the payload sets unique and in rpki-client's order, replacing any stored before, in one transaction.
   * Given what exportData made (unique and sorted already: 500k VRPs take seconds to sort), stores it as it is,
   * and its stats in the snapshot record.
   */
  putPayloads(id: string, payloads: Payloads | ExportData): Promise<void> {
    const made = 'stats' in payloads ? payloads : undefined;
    const vrps = made?.vrps ?? uniqueVrps(payloads.vrps);
    const aspas = made?.aspas ?? uniqueAspas(payloads.aspas);
    const routerKeys = made?.routerKeys ?? uniqueRouterKeys(payloads.routerKeys);
    return this.write(id, (db) => {
      const tx = db.transaction(['snapshots', ...PAYLOAD_STORES], 'readwrite');
      return commit(tx, async (requests) => {
        const meta = await liveMeta(tx.objectStore('snapshots'), id);
        for (const s of PAYLOAD_STORES) requests.push(tx.objectStore(s).delete(keysUnder(id)));
        chunks(vrps).forEach((c, chunk) => requests.push(tx.objectStore('vrps').put({ snapshotId: id, chunk, ...encodeVrps(c) })));
        chunks(aspas).forEach((items, chunk) => requests.push(tx.objectStore('aspas').put({ snapshotId: id, chunk, items })));
        chunks(routerKeys).forEach((items, chunk) => requests.push(tx.objectStore('routerKeys').put({ snapshotId: id, chunk, items })));
        Object.assign(meta.counts, { vrps: vrps.length, aspas: aspas.length, routerKeys: routerKeys.length });
        if (made) meta.stats = made.stats;
        requests.push(tx.objectStore('snapshots').put(meta));
      });
    });
  }

  /** Loading is done and the walk has begun, with these TALs when the snapshot brought its own. */
  markValidating(id: string, tals?: string[]): Promise<SnapshotMeta> {
    return this.write(id, (db) => this.update(db, id, (m) => (m.status === 'loading' ? { ...m, status: 'validating', tals: tals ?? m.tals } : m)));
  }

  /**
   * Marks the run complete once all its writes are stored. If any of them failed, or its rows' source did, the
   * snapshot is missing rows: it ends 'failed' instead and the error is thrown.
   */
  async finishSnapshot(id: string, patch: FinishPatch = {}): Promise<SnapshotMeta> {
    const run = this.runs.get(id);
    if (!run) throw new StorageError('other', `Snapshot ${id} is not being written by this tab.`);
    while (run.pending.size) await Promise.allSettled([...run.pending]);
    if (run.stopped !== undefined && !run.failed) {
      const cause = run.stopped instanceof Error ? run.stopped.message : String(run.stopped);
      await this.endRun(id, { kind: 'run', message: `A write stopped before it finished, so rows are missing: ${cause}` }, 'failed');
    }
    if (run.failed) throw run.failed;
    const uris = [...new Set(run.uris)].sort();
    await this.attempt('write', () => this.db.put('uris', { snapshotId: id, chunk: 0, uris }));
    const meta = await this.attempt('write', () =>
      this.update(this.db, id, (m) => {
        if (!isRunning(m)) throw new StorageError('other', `Snapshot ${id} is ${m.status}; it cannot be completed.`);
        return { ...m, ...patch, status: 'complete' };
      }),
    );
    this.runs.delete(id);
    run.release();
    return meta;
  }

  /**
   * Ends a run that cannot finish: 'failed' with the error, or 'incomplete' when it was cancelled (an AbortError).
   * What it stored stays, for the user to look at or delete.
   */
  failSnapshot(id: string, error: unknown): Promise<void> {
    const cancelled = error instanceof Error && error.name === 'AbortError';
    if (cancelled) return this.endRun(id, { kind: 'cancelled', message: 'The run was cancelled before it finished.' }, 'incomplete');
    if (error instanceof StorageError) return this.endRun(id, { kind: error.kind, message: error.message }, 'failed', error);
    return this.endRun(id, { kind: 'run', message: error instanceof Error ? error.message : String(error) }, 'failed');
  }

  private async endRun(id: string, error: SnapshotError, status: 'failed' | 'incomplete', cause?: StorageError): Promise<void> {
    const run = this.runs.get(id);
    if (run) {
      if (run.failed) return;
      run.failed = cause ?? new StorageError('other', `Snapshot ${id} has ended: ${error.message}`);
      run.release();
    }
    // Best effort: under a full disk even this small write may be refused, and the next start marks it incomplete.
    await this.update(this.database, id, (m) => (isRunning(m) ? { ...m, status, error } : m)).catch(() => {});
  }

  /** Reads, changes and writes a snapshot record in one transaction. */
  private async update(db: LensDatabase, id: string, change: (m: SnapshotMeta) => SnapshotMeta): Promise<SnapshotMeta> {
    const tx = db.transaction('snapshots', 'readwrite');
    let next: SnapshotMeta | undefined;
    await commit(tx, async (requests) => {
      const meta = await tx.store.get(id);
      if (!meta) throw new StorageError('other', `There is no snapshot ${id}.`);
      next = change(meta);
      if (next !== meta) requests.push(tx.store.put(next));
    });
    return next!;
  }

  /**
   * At app start: snapshots left 'loading' or 'validating' by a run that is no longer alive (its tab was closed)
   * become 'incomplete', with everything they stored. Returns their ids. `after`: a snapshot whose writer was just
   * stopped (a cancelled run's worker): its lock is waited for, since the browser lets go of it only shortly after.
   */
  markIncomplete(after?: string): Promise<string[]> {
    return this.attempt('write', async () => {
      if (after) (await holdLock(this.lockName(after)))();
      const stale = (await this.db.getAll('snapshots')).filter((m) => isRunning(m) && !this.isLive(m.id));
      if (!stale.length) return [];
      // Read the records before the locks: a run that starts in between is not among them.
      const held = await heldLocks();
      const dead = new Set(stale.filter((m) => !held?.has(this.lockName(m.id))).map((m) => m.id));
      const error: SnapshotError = { kind: 'interrupted', message: 'The run stopped before it finished: its tab was closed or reloaded.' };
      const marked: string[] = [];
      const tx = this.db.transaction('snapshots', 'readwrite');
      await commit(tx, async (requests) => {
        for (const id of dead) {
          const m = await tx.store.get(id);
          if (!m || !isRunning(m)) continue;
          marked.push(id);
          requests.push(tx.store.put({ ...m, status: 'incomplete', error }));
        }
      });
      return marked;
    });
  }

  /** Deletes a snapshot and all its rows, in one transaction; a run of it in this tab ends. */
  deleteSnapshot(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (run) {
      run.failed ??= new StorageError('other', `Snapshot ${id} was deleted.`);
      run.release();
      this.runs.delete(id);
    }
    if (this.uriCache?.id === id) this.uriCache = undefined;
    return this.attempt('write', async () => {
      const tx = this.db.transaction(STORES, 'readwrite');
      await commit(tx, (requests) => {
        requests.push(tx.objectStore('snapshots').delete(id));
        for (const s of STORES) if (s !== 'snapshots') requests.push(tx.objectStore(s).delete(keysUnder(id)));
      });
    });
  }

  // Reads

  /** Every snapshot record, newest first. */
  listSnapshots(): Promise<SnapshotMeta[]> {
    return this.attempt('read', async () => (await this.db.getAll('snapshots')).sort((a, b) => b.createdAt - a.createdAt));
  }

  getSnapshot(id: string): Promise<SnapshotMeta | undefined> {
    return this.attempt('read', () => this.db.get('snapshots', id));
  }

  getReport(id: string, uri: string): Promise<StoredReport | undefined> {
    return this.attempt('read', () => q.getReport(this.db, id, uri));
  }

  getObjectBytes(id: string, uri: string): Promise<Uint8Array | undefined> {
    return this.attempt('read', () => q.getObjectBytes(this.db, id, uri));
  }

  /** Objects issued by the CA certificate at `issuer`, by directory and then URI; null gives the trust anchors. */
  childrenOf(id: string, issuer: string | null, page?: Page): Promise<StoredReport[]> {
    return this.attempt('read', () => q.childrenOf(this.db, id, issuer, page));
  }

  /** Reports carrying the finding code; their number is the snapshot's counts.findingsByCode[code]. */
  reportsByCode(id: string, code: string, page?: Page): Promise<StoredReport[]> {
    return this.attempt('read', () => q.reportsByCode(this.db, id, code, page));
  }

  /** Every report, directory by directory, in batches. */
  async *streamReports(id: string, size?: number): AsyncGenerator<StoredReport[]> {
    try {
      yield* q.streamReports(this.db, id, size);
    } catch (e) {
      throw toStorageError(e, 'read');
    }
  }

  /** The snapshot as a file is verified against it (src/core/validate/chain.ts). */
  lookup(id: string): SnapshotLookup {
    return {
      get: (uri) =>
        this.attempt('read', async () => {
          const entry = await q.getEntry(this.db, id, uri);
          return entry && { report: toReport(entry), bytes: await q.getObjectBytes(this.db, id, uri, entry) };
        }),
      certsWithSki: (ski) => this.attempt('read', () => q.urisWithTerms(this.db, id, [term.ski(ski)])),
    };
  }

  search(id: string, query: string, limit = 50): Promise<SearchHit[]> {
    return this.attempt('read', () => search(this.db, id, query, limit, () => this.uris(id)));
  }

  private uris(id: string): Promise<string[]> {
    if (this.uriCache?.id !== id) {
      const uris = (async () => {
        const list = await this.db.get('uris', [id, 0]);
        if (list) return list.uris;
        // A snapshot stored before URI lists, or one whose run did not complete.
        const out: string[] = [];
        for await (const batch of q.streamReports(this.db, id)) for (const r of batch) out.push(r.uri);
        return out.sort();
      })();
      this.uriCache = { id, uris };
      uris.catch(() => (this.uriCache = undefined));
    }
    return this.uriCache.uris;
  }

  /** Unique VRPs in rpki-client's order. */
  getVrps(id: string): Promise<Vrp[]> {
    return this.attempt('read', () => q.getVrps(this.db, id));
  }

  getAspas(id: string): Promise<AspaPayload[]> {
    return this.attempt('read', () => q.getAspas(this.db, id));
  }

  getRouterKeys(id: string): Promise<RouterKey[]> {
    return this.attempt('read', () => q.getRouterKeys(this.db, id));
  }

  /** What the export formats print, from a completed snapshot (one that has its stats). */
  async getExportData(id: string): Promise<ExportData | undefined> {
    const meta = await this.getSnapshot(id);
    if (!meta?.stats) return undefined;
    const [vrps, aspas, routerKeys] = await Promise.all([this.getVrps(id), this.getAspas(id), this.getRouterKeys(id)]);
    return { time: meta.evaluationTime, vrps: vrps.map((v) => ({ ...v, parsed: parsePrefix(v.prefix) })), aspas, routerKeys, stats: meta.stats };
  }
}

/** The origin's usage and quota in bytes, where the browser tells. */
export async function estimateUsage(): Promise<{ usage?: number; quota?: number } | undefined> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return undefined;
  const { usage, quota } = await navigator.storage.estimate();
  return { usage, quota };
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK_SIZE) out.push(items.slice(i, i + CHUNK_SIZE));
  return out;
}

/**
 * Runs `body` in `tx`, which pushes its requests, and waits for the commit. On any failure, of a request, of the
 * commit, or thrown while issuing the requests (put throws DataCloneError, say), the transaction is aborted, so
 * none of it is stored. The transaction's own error is thrown when it has one: when the browser aborts a
 * transaction for lack of space, its requests fail first, with a mere AbortError.
 */
async function commit(
  tx: { done: Promise<void>; abort(): void; error: DOMException | null },
  body: (requests: Promise<unknown>[]) => Promise<void> | void,
): Promise<void> {
  const requests: Promise<unknown>[] = [];
  try {
    await body(requests);
    await Promise.all([...requests, tx.done]);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request, or committed.
    }
    void Promise.allSettled([...requests, tx.done]);
    throw tx.error ?? e;
  }
}

/** The record of a snapshot being written, read inside the write's transaction. */
async function liveMeta(store: { get(id: string): Promise<SnapshotMeta | undefined> }, id: string): Promise<SnapshotMeta> {
  const meta = await store.get(id);
  if (!meta) throw new StorageError('other', `Snapshot ${id} was deleted while it was being written.`);
  return meta;
}
