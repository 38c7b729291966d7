/**
 * A publication-point worker: rebuilds each job's CA and runs its publication point with WebCrypto
 * (src/core/validate/job.ts). No logic of its own.
 */
import { expose, transfer } from 'comlink';
import { webCrypto } from '../src/core/crypto/webcrypto.ts';
import type { VerifyContext } from '../src/core/validate/issuer.ts';
import { resultTransferables, runJob, type JobResult, type PublicationPointJob } from '../src/core/validate/job.ts';

let ctx: VerifyContext | undefined;

const api = {
  init(time: number): void {
    ctx = { time, crypto: webCrypto() };
  },
  async run(job: PublicationPointJob): Promise<JobResult> {
    if (!ctx) throw new Error('the worker was not initialised');
    const r = await runJob(job, ctx);
    return transfer(r, resultTransferables(r));
  },
};

export type PpWorkerApi = typeof api;

expose(api);
