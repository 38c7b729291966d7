/**
 * A publication-point worker: rebuilds each job's CA and runs its publication point with WebCrypto
 * (src/core/validate/job.ts). No logic of its own.
 */
import { expose, transfer } from 'comlink';
import { webCrypto } from '../src/core/crypto/webcrypto.ts';
import type { VerifyContext } from '../src/core/validate/issuer.ts';
import { runJob, toWire, type PublicationPointJob, type WireResult } from '../src/core/validate/job.ts';

let ctx: VerifyContext | undefined;

const api = {
  init(time: number): void {
    ctx = { time, crypto: webCrypto() };
  },
  async run(job: PublicationPointJob): Promise<WireResult> {
    if (!ctx) throw new Error('the worker was not initialised');
    const { wire, transfer: buffers } = toWire(await runJob(job, ctx));
    return transfer(wire, buffers);
  },
};

export type PpWorkerApi = typeof api;

expose(api);
