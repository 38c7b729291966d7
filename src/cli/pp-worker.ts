/**
 * A publication-point worker on worker_threads (comlink over the parent port): rebuilds each job's CA and runs its
 * publication point with node:crypto. A job without files is read from the repository directory given at init.
 */
import { parentPort } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { VerifyContext } from '../core/validate/issuer.ts';
import { runJob, toWire, type PublicationPointJob, type WireResult } from '../core/validate/job.ts';
import type { ObjectSource } from '../core/validate/source.ts';
import { DirectorySource } from './fs-source.ts';
import { nodeCrypto } from './node-crypto.ts';

export interface NodeWorkerInit {
  time: number;
  /** A repository directory in rsync layout and the TAL names whose certificates may sit under ta/. */
  repo?: { dir: string; talNames: string[] };
}

let ctx: VerifyContext | undefined;
let source: ObjectSource | undefined;

const api = {
  init(init: NodeWorkerInit): void {
    ctx = { time: init.time, crypto: nodeCrypto() };
    source = init.repo ? new DirectorySource(init.repo.dir, init.repo.talNames) : undefined;
  },
  async run(job: PublicationPointJob): Promise<WireResult> {
    if (!ctx) throw new Error('the worker was not initialised');
    const { wire, transfer: buffers } = toWire(await runJob(job, ctx, source));
    return transfer(wire, buffers);
  },
};

export type NodeWorkerApi = typeof api;

expose(api, nodeEndpoint(parentPort!));
