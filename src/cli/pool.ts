/**
 * The CLI's parallel engine: publication points spread over worker_threads workers (./pp-worker.ts), each with
 * node:crypto. Jobs carry their directory's files when the snapshot is in memory; over a repository directory each
 * worker reads its files itself.
 *
 * The workers run the worker bundled by esbuild (tsx's own dependency) once per process, in about 0.1 s: each
 * worker then starts in tens of milliseconds, where registering tsx and compiling every module again in each
 * worker took 0.8–1 s, and the hot path runs without the name-keeping wrappers tsx adds to every function. Without
 * esbuild the workers load the TypeScript through tsx (./pp-worker.mjs).
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { transfer, wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { filesByDirectory, fromWire, jobDir, jobRunner, jobWithFiles, JobPool, type CaJob, type JobResult } from '../core/validate/job.ts';
import type { PublicationPointRunner } from '../core/validate/walk.ts';
import type { NodeWorkerApi, NodeWorkerInit } from './pp-worker.ts';

/** Jobs queued per worker beyond the one it runs, so that it never waits for the next. */
const DEPTH = 2;
/**
 * A worker's young generation: validation allocates many short-lived objects (TLVs, findings, reports), and with
 * Node's default the scavenges took about 10% of the run (50k objects: 8.2–8.5 s with 16 or 32 MB, 7.3–7.4 s with
 * 64 or 128 MB; 64 MB costs each worker about 35 MB more).
 */
const YOUNG_GENERATION_MB = 64;

export interface NodePool {
  runner: PublicationPointRunner<CaJob>;
  close(): Promise<void>;
}

/**
 * Starts `size` workers. `objects`: the snapshot in memory, whose directories travel with the jobs; without it
 * `init.repo` names the directory the workers read.
 */
export async function startNodePool(size: number, init: NodeWorkerInit, objects?: Map<string, Uint8Array>): Promise<NodePool> {
  const code = await bundledWorker();
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const workers = Array.from({ length: size }, () =>
    code ? new Worker(code, { eval: true, resourceLimits }) : new Worker(new URL('./pp-worker.mjs', import.meta.url), { resourceLimits }),
  );
  const remotes: Remote<NodeWorkerApi>[] = workers.map((w) => wrap<NodeWorkerApi>(nodeEndpoint(w as never)));
  const close = async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
  try {
    await Promise.all(remotes.map((r) => r.init(init)));
  } catch (e) {
    await close();
    throw e;
  }
  const dirs = objects && filesByDirectory(objects);
  const pool = new JobPool<CaJob, JobResult>(
    remotes.map((remote) => (ca: CaJob) => {
      if (!dirs) return remote.run({ ca }).then(fromWire);
      const { job, transfer: buffers } = jobWithFiles(ca, dirs.get(jobDir(ca)));
      return remote.run(transfer(job, buffers)).then(fromWire);
    }),
  );
  return { runner: jobRunner(size * DEPTH, (ca) => pool.run(ca)), close };
}

let bundle: Promise<string | undefined> | undefined;

/** The worker and everything it imports as one CommonJS script, or undefined when esbuild is not at hand. */
function bundledWorker(): Promise<string | undefined> {
  bundle ??= (async () => {
    try {
      const esbuild = await import('esbuild');
      const out = await esbuild.build({
        entryPoints: [fileURLToPath(new URL('./pp-worker.ts', import.meta.url))],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      return out.outputFiles[0].text;
    } catch {
      return undefined;
    }
  })();
  return bundle;
}
