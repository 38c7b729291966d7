/**
 * The coordinator the app runs a validation through (comlink: `run(request, onEvent)`): loads the snapshot into the
 * library's object packs, validates over a pool of publication-point workers, stores reports and payloads, and reports
 * progress at most ten times a second (awaiting `onEvent` gives back-pressure: a slow page gets fewer events).
 * Cancel by terminating this worker; the library marks the snapshot it was writing incomplete.
 */
import { expose } from 'comlink';
import { webCrypto } from '../src/core/crypto/webcrypto.ts';
import { decodeTal } from '../src/core/objects/tal.ts';
import { exportData, ReportCounts } from '../src/core/output/payloads.ts';
import { compareVrps, filesFromFileList, loadInto, type SnapshotInput as CoreInput } from '../src/core/snapshot/index.ts';
import type { ObjectReport, TalInput } from '../src/core/validate/types.ts';
import { validate } from '../src/core/validate/walk.ts';
import type { SourceKind } from '../src/storage/meta.ts';
import { openStore } from '../src/storage/store.ts';
import { isWorkerCount, MAX_WORKERS, type RunEvent, type RunRequest, type RunResult, type SnapshotRequest } from './contract.ts';
import { bodyBytes, counted, countedFiles } from './read-progress.ts';
import { defaultSize, startWorkerPool, type WorkerPool } from './pool.ts';

/** Least time between two progress events. */
const EVENT_INTERVAL_MS = 100;
/** Reports per write while validating: a few transactions a second at full speed. */
const REPORT_BATCH = 5000;
/** Reading gives this thread's other tasks (storage, the workers' results) a turn this often. */
const TURN_EVERY_MS = 10;

class Progress {
  private last = 0;
  private pending?: Promise<unknown>;
  private phaseStart = performance.now();
  private phase: RunEvent['phase'] = 'load';
  snapshotId?: string;
  /** Bytes read so far. */
  bytesRead = 0;
  constructor(private readonly onEvent: (e: RunEvent) => unknown) {}

  /** Reading's progress, in bytes. */
  readonly bytes = (read: number, total: number): void => {
    this.bytesRead = read;
    void this.send('load', read, total, 0);
  };

  /** Sends unless one was sent less than EVENT_INTERVAL_MS ago or is still being handled; `force` waits for it. */
  async send(phase: RunEvent['phase'], done: number, total: number, publicationPoints: number, force = false): Promise<void> {
    const now = performance.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.phaseStart = now;
    }
    if (!force && (this.pending || now - this.last < EVENT_INTERVAL_MS)) return;
    if (force) await this.pending;
    this.last = now;
    const seconds = (now - this.phaseStart) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const etaSeconds = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const p = Promise.resolve(this.onEvent({ phase, snapshotId: this.snapshotId, objectsDone: done, objectsTotal: total, publicationPoints, rate, etaSeconds }));
    this.pending = p;
    p.finally(() => {
      if (this.pending === p) this.pending = undefined;
    }).catch(() => {});
    if (force) await p;
  }
}

async function run(request: RunRequest, onEvent: (e: RunEvent) => unknown): Promise<RunResult> {
  try {
    return await runUnsafe(request, onEvent);
  } catch (e) {
    // Only plain data crosses: a name and a message.
    const err = new Error(e instanceof Error ? e.message : String(e));
    err.name = e instanceof Error ? e.name : 'Error';
    throw err;
  }
}

async function runUnsafe(request: RunRequest, onEvent: (e: RunEvent) => unknown): Promise<RunResult> {
  const started = performance.now();
  const workers = request.workers ?? defaultSize();
  if (!isWorkerCount(workers)) throw new Error(`${workers} workers: a run takes 1 to ${MAX_WORKERS}.`);
  const progress = new Progress(onEvent);
  const { input, name, kind, label, sampleTal } = await openInput(request.snapshot, progress);
  const given = request.tals === 'snapshot' ? (sampleTal ? [sampleTal] : []) : request.tals;
  const tals = given.map(talInput);

  const store = await openStore();
  const meta = await store.createSnapshot({
    name: request.snapshotName ?? name,
    source: { kind, label },
    evaluationTime: request.time,
    tals: tals.map((t) => t.name),
  });
  const id = meta.id;
  progress.snapshotId = id;
  let pool: WorkerPool | undefined;
  let loaded: number | undefined;
  let validating = false;
  let unread = false;
  try {
    // Objects go to the library in packs as they are read; the packs stay here for the workers. With the TALs
    // known, validation starts at once: each publication point runs as soon as its directory has arrived.
    const objects = store.packWriter(id);
    const loading = loadInto(await input, name, objects, { tals, turnEveryMs: TURN_EVERY_MS }).then(
      async (snapshot) => {
        await objects.done();
        await progress.send('load', progress.bytesRead, progress.bytesRead, 0, true);
        loaded = performance.now();
        return snapshot;
      },
      (e: unknown) => {
        unread = true;
        objects.fail(e);
        throw e;
      },
    );
    loading.catch(() => {}); // awaited below
    if (!tals.length) {
      tals.push(...(await loading).tals);
      if (!tals.length) throw new Error('The snapshot holds no TAL and no trust anchor certificate: choose a TAL.');
    }

    // Reports go to the library as they become final, while the workers validate: this thread is mostly idle.
    const reports = new ReportWriter((batch) => store.putReports(id, batch, objects.at));
    await store.markValidating(id, tals.map((t) => t.name));
    validating = true;
    pool = await startWorkerPool(objects, request.time, workers);
    const counts = new ReportCounts();
    const validation = validate(tals, objects, {
      time: request.time,
      crypto: webCrypto(),
      onProgress: (p) => {
        if (loaded !== undefined) void progress.send('validate', Math.min(p.objectsDone, objects.size), objects.size, p.publicationPoints);
      },
      onReports: (batch) => {
        counts.add(batch);
        reports.add(batch);
      },
      keepReports: false,
    }, pool.runner);
    validation.catch(() => {}); // a failed load fails it too: the load's error is the one to tell
    const snapshot = await loading;
    const result = await validation;
    pool.close();
    pool = undefined;
    const validated = performance.now();

    await progress.send('store', 0, reports.added, 0, true);
    const data = exportData(result, tals.map((t) => t.name), counts);
    await reports.done();
    await store.putPayloads(id, data);
    const recorded = snapshot.recorded && { path: snapshot.recorded.path, buildtime: snapshot.recorded.buildtime, ...compareVrps(data.vrps, snapshot.recorded.vrps) };
    const elapsedMs = performance.now() - started;
    const done = await store.finishSnapshot(id, { stats: data.stats, elapsedMs, recorded, workers });
    await progress.send('done', reports.added, reports.added, 0, true);
    const phasesMs = { load: loaded! - started, validate: validated - loaded!, store: performance.now() - validated };
    return { snapshotId: id, counts: done.counts, elapsedMs, phasesMs };
  } catch (e) {
    pool?.close();
    // A snapshot that could not be read leaves nothing to explore; one that failed validating keeps what it stored.
    if (validating && !unread) await store.failSnapshot(id, e).catch(() => {});
    else await store.deleteSnapshot(id).catch(() => {});
    throw e;
  } finally {
    store.close();
  }
}

/** Reports gathered into batches of REPORT_BATCH, each written as soon as it is full; `done` writes the rest. */
class ReportWriter {
  private batch: ObjectReport[] = [];
  private readonly writes: Promise<number>[] = [];
  constructor(private readonly write: (batch: ObjectReport[]) => Promise<number>) {}

  /** Reports handed over so far. */
  added = 0;

  add(reports: readonly ObjectReport[]): void {
    this.added += reports.length;
    this.batch.push(...reports);
    if (this.batch.length >= REPORT_BATCH) this.flush();
  }

  private flush(): void {
    if (!this.batch.length) return;
    const w = this.write(this.batch);
    w.catch(() => {}); // seen by done()
    this.writes.push(w);
    this.batch = [];
  }

  async done(): Promise<void> {
    this.flush();
    await Promise.all(this.writes);
  }
}

function talInput(t: { name: string; text: string }): TalInput {
  const name = t.name.replace(/\.tal$/, '');
  const d = decodeTal(new TextEncoder().encode(t.text), name);
  if (!d.ok) throw new Error(`The TAL ${t.name} cannot be read: ${d.findings.find((f) => f.severity === 'error')?.message ?? 'it does not decode'}`);
  return { name, uris: d.value.uris, spki: d.value.spki };
}

interface OpenedInput {
  input: CoreInput | Promise<CoreInput>;
  name: string;
  kind: SourceKind;
  label: string;
  sampleTal?: { name: string; text: string };
}

async function openInput(s: SnapshotRequest, progress: Progress): Promise<OpenedInput> {
  switch (s.kind) {
    case 'url': {
      const res = await fetch(s.url);
      if (!res.ok || !res.body) throw new Error(`Fetching ${s.url} failed: ${res.status} ${res.statusText}`);
      const name = decodeURIComponent(new URL(s.url, self.location.href).pathname.split('/').pop() || 'snapshot');
      return { input: counted(res.body, bodyBytes(res), progress.bytes), name, kind: 'url', label: s.url };
    }
    case 'file':
      return { input: counted(s.file.stream(), s.file.size, progress.bytes), name: s.file.name, kind: 'file', label: s.file.name };
    case 'files': {
      const files = countedFiles(filesFromFileList(s.files, s.paths), progress.bytes);
      const top = (s.paths?.[0] || s.files[0]?.webkitRelativePath)?.split('/')[0] || s.files[0]?.name || 'folder';
      return { input: files, name: top, kind: 'folder', label: top };
    }
    case 'sample': {
      const base = import.meta.env.BASE_URL;
      const [tgz, tal] = await Promise.all([fetch(`${base}sample/sample.tgz`), fetch(`${base}sample/sample.tal`)]);
      if (!tgz.ok || !tgz.body || !tal.ok) throw new Error('The bundled sample could not be fetched.');
      return { input: counted(tgz.body, bodyBytes(tgz), progress.bytes), name: 'sample', kind: 'sample', label: 'bundled sample', sampleTal: { name: 'sample', text: await tal.text() } };
    }
  }
}

const api = { run };
export type CoordinatorApi = typeof api;

expose(api);
