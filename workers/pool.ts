/**
 * A pool of publication-point workers (./pp.worker.ts) for the walk: N dedicated workers (one per core unless told),
 * each job with its directory's files packed into one buffer and transferred, as soon as the directory has arrived.
 */
import { transfer, wrap, type Remote } from 'comlink';
import { fromWire, jobRunner, JobPool, runArriving, type ArrivingDirectories, type CaJob, type JobResult, type PublicationPointJob } from '../src/core/validate/job.ts';
import type { PublicationPointRunner } from '../src/core/validate/walk.ts';
import type { PpWorkerApi } from './pp.worker.ts';

/** Jobs given to each worker, the one it runs and those queued, so that it never waits for the next. */
const DEPTH = 2;
/** Publication points the walk may have started: while the snapshot is read, most wait for their directory. */
const AHEAD = 64;

export interface WorkerPool {
  runner: PublicationPointRunner<CaJob>;
  close(): void;
}

export async function startWorkerPool(dirs: ArrivingDirectories, time: number, size = defaultSize()): Promise<WorkerPool> {
  const workers = Array.from({ length: size }, (_, i) => new Worker(new URL('./pp.worker.ts', import.meta.url), { type: 'module', name: `pp-${i}` }));
  const close = () => workers.forEach((w) => w.terminate());
  const remotes: Remote<PpWorkerApi>[] = workers.map((w) => wrap<PpWorkerApi>(w));
  try {
    await Promise.all(remotes.map((r) => r.init(time)));
  } catch (e) {
    close();
    throw e;
  }
  const pool = new JobPool<{ job: PublicationPointJob; buffers: ArrayBuffer[] }, JobResult>(
    remotes.map((remote) => ({ job, buffers }) => remote.run(transfer(job, buffers)).then(fromWire)),
    DEPTH,
  );
  const run = (ca: CaJob) => runArriving(ca, dirs, (job, buffers) => pool.run({ job, buffers }));
  return { runner: jobRunner(Math.max(AHEAD, size * DEPTH), run), close };
}

export function defaultSize(): number {
  return Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 4);
}
