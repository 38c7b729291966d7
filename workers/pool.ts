/**
 * A pool of publication-point workers (./pp.worker.ts) for the walk: N dedicated workers (one per core unless told),
 * each job with its directory's files packed into one buffer and transferred.
 */
import { transfer, wrap, type Remote } from 'comlink';
import { fromWire, jobDir, jobRunner, jobWithFiles, JobPool, type CaJob, type Files, type JobResult } from '../src/core/validate/job.ts';
import type { PublicationPointRunner } from '../src/core/validate/walk.ts';
import type { PpWorkerApi } from './pp.worker.ts';

/** Jobs queued per worker beyond the one it runs, so that it never waits for the next. */
const DEPTH = 2;

export interface WorkerPool {
  runner: PublicationPointRunner<CaJob>;
  close(): void;
}

export type DirectoryFiles = (dir: string) => Files | Promise<Files>;

export async function startWorkerPool(directory: DirectoryFiles, time: number, size = defaultSize()): Promise<WorkerPool> {
  const workers = Array.from({ length: size }, (_, i) => new Worker(new URL('./pp.worker.ts', import.meta.url), { type: 'module', name: `pp-${i}` }));
  const close = () => workers.forEach((w) => w.terminate());
  const remotes: Remote<PpWorkerApi>[] = workers.map((w) => wrap<PpWorkerApi>(w));
  try {
    await Promise.all(remotes.map((r) => r.init(time)));
  } catch (e) {
    close();
    throw e;
  }
  const pool = new JobPool<CaJob, JobResult>(
    remotes.map((remote) => async (ca: CaJob) => {
      const { job, transfer: buffers } = jobWithFiles(ca, await directory(jobDir(ca)));
      return remote.run(transfer(job, buffers)).then(fromWire);
    }),
  );
  return { runner: jobRunner(size * DEPTH, (ca) => pool.run(ca)), close };
}

export function defaultSize(): number {
  return Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 4);
}
