/**
 * Publication-point jobs: a job and its result survive structured clone and give what processing in this thread
 * gives; the walk's output is the same in-process and over jobs run in any order, at any concurrency.
 */
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { forgeTree as forge } from '../../testing/fixtures.ts';
import type { VerifyContext } from './issuer.ts';
import { caJob, filesByDirectory, fromWire, jobDir, jobResult, jobRunner, jobWithFiles, restoreCa, runJob, toWire, JobPool, type CaJob, type JobResult } from './job.ts';
import { processPublicationPoint } from './publication-point.ts';
import { MapSource } from './source.ts';
import { validateTrustAnchor } from './trust-anchor.ts';
import { inOrder, inProcessRunner, validate } from './walk.ts';

const TIME = Date.parse('2026-11-24T00:00:00Z') / 1000;
const ctx: VerifyContext = { time: TIME, crypto: nodeCrypto() };

/** Jobs through structured clone, finishing in a scrambled order. */
function scrambledRunner(source: MapSource, concurrency: number) {
  const dirs = filesByDirectory(source.objects);
  let n = 0;
  return jobRunner(concurrency, async (ca: CaJob): Promise<JobResult> => {
    const { job } = jobWithFiles(ca, dirs.get(jobDir(ca)));
    const there = structuredClone(job);
    await new Promise((r) => setTimeout(r, (n++ * 7) % 5));
    return fromWire(structuredClone(toWire(await runJob(there, ctx)).wire));
  });
}

describe('publication-point jobs', () => {
  it('round-trips a CA through structured clone and runs its publication point as in this thread', async () => {
    const { source, tals } = forge('small');
    const { ca } = await validateTrustAnchor(tals[0], source, ctx);
    expect(ca).toBeDefined();
    const job = structuredClone(caJob(ca!));
    expect(job.certBytes).toEqual(ca!.cert.bytes);
    expect(job.resources).toEqual(ca!.resources);
    expect(job).toMatchObject({ uri: ca!.uri, expires: ca!.expires, ta: 'ta', path: ca!.path, ski: ca!.cert.ski, manifest: ca!.cert.sia.rpkiManifest });
    const back = restoreCa(job, ctx);
    expect(back.cert.subject.text).toBe(ca!.cert.subject.text);

    const direct = jobResult(await processPublicationPoint(ca!, source, ctx));
    const { job: withFiles, transfer } = jobWithFiles(job, filesByDirectory(source.objects).get(jobDir(job)));
    expect([...withFiles.files!.names].sort()).toEqual(
      [...source.objects.keys()].filter((u) => u.startsWith('rsync://rpki.example.net/repo/ta/')).map((u) => u.slice(u.lastIndexOf('/') + 1)).sort(),
    );
    // The directory's files packed into one buffer, transferred.
    expect(transfer).toEqual([withFiles.files!.bytes.buffer]);
    expect(withFiles.files!.bytes.length).toBe(withFiles.files!.ends.at(-1));
    const viaJob = fromWire(structuredClone(toWire(await runJob(structuredClone(withFiles), ctx)).wire));
    expect(viaJob).toEqual(direct);
    expect(viaJob.children.length).toBe(3);
    expect(viaJob.reports.every((r) => r.status === 'valid')).toBe(true);
  });

  it('restoring a job whose certificate does not decode throws', () => {
    const bad: CaJob = { uri: 'rsync://x/y.cer', certBytes: new Uint8Array([0x30, 0x01]), resources: { ipv4: [], ipv6: [], asnum: [] }, expires: 0, ta: 'ta', path: [], ski: '' };
    expect(() => restoreCa(bad, ctx)).toThrow(/no longer decodes/);
  });

  it('imports each key once: in this thread, and over jobs but for the trust anchor\'s, checked here and used there', async () => {
    const { source, tals } = forge('small');
    const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const counted = () => {
      const imported: string[] = [];
      const crypto = nodeCrypto();
      const c: VerifyContext = { time: TIME, crypto: { ...crypto, importKey: (spki, key) => (imported.push(hexOf(spki)), crypto.importKey(spki, key)) } };
      return { imported, c };
    };
    const here = counted();
    await validate(tals, source, { time: TIME, crypto: here.c.crypto });
    expect(here.imported.length).toBeGreaterThan(20);
    expect(new Set(here.imported).size).toBe(here.imported.length);

    const jobs = counted();
    const dirs = filesByDirectory(source.objects);
    const runner = jobRunner(2, (ca: CaJob) => runJob(structuredClone(jobWithFiles(ca, dirs.get(jobDir(ca))).job), jobs.c));
    await validate(tals, source, { time: TIME, crypto: jobs.c.crypto }, runner);
    const ta = await validateTrustAnchor(tals[0], source, ctx);
    const twice = jobs.imported.filter((k, i) => jobs.imported.indexOf(k) !== i);
    expect(twice).toEqual([hexOf(ta.ca!.cert.spki)]);
    expect(jobs.imported.length).toBe(here.imported.length + 1);
  });

  for (const name of ['small', 'medium-defects']) {
    it(`${name}: the same reports and payloads in-process and over scrambled jobs at concurrency 4 (and 1)`, async () => {
      const { source, tals } = forge(name);
      const base = await validate(tals, source, { time: TIME, crypto: ctx.crypto });
      const runs = [await validate(tals, source, { time: TIME, crypto: ctx.crypto }, scrambledRunner(source, 4))];
      if (name === 'small') {
        runs.push(await validate(tals, source, { time: TIME, crypto: ctx.crypto }, scrambledRunner(source, 1)));
        runs.push(await validate(tals, source, { time: TIME, crypto: ctx.crypto }, inProcessRunner(source, ctx, 1)));
      }
      expect(base.vrps.length).toBeGreaterThan(0);
      for (const r of runs) {
        expect(r.vrps).toEqual(base.vrps);
        expect(r.aspas).toEqual(base.aspas);
        expect(r.reports).toEqual(base.reports);
      }
    });
  }
});

describe('inOrder', () => {
  it('hands results over in input order, each once all before it are in, with at most `limit` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const finished: number[] = [];
    const taken: [number, number[]][] = [];
    await inOrder(
      [20, 1, 40, 2, 3, 0],
      3,
      async (x) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, x));
        inFlight--;
        finished.push(x);
        return x * 10;
      },
      undefined,
      (r) => taken.push([r, [...finished]]),
    );
    expect(taken.map(([r]) => r)).toEqual([200, 10, 400, 20, 30, 0]);
    // 1 finished first but waited for 20; 40 was taken the moment it finished, the last of all.
    expect(taken[1][1].slice(0, 2)).toEqual([1, 2]);
    expect(taken[1][1]).toContain(20);
    expect(taken[2][1].at(-1)).toBe(40);
    expect(peak).toBe(3);
  });

  it('runs the items `take` appends as soon as there is room, without waiting for the others to be taken', async () => {
    const items = [30, 1];
    const started: number[] = [];
    const taken: number[] = [];
    await inOrder(
      items,
      2,
      async (x) => {
        started.push(x);
        await new Promise((r) => setTimeout(r, x % 100));
        return x;
      },
      undefined,
      (x) => {
        taken.push(x);
        if (x < 100) items.push(x + 100); // each item's child, queued behind everything queued before it
      },
    );
    expect(taken).toEqual([30, 1, 130, 101]);
    // 1 finished while 30 ran: its place went to nothing until 30 was taken, since only taking queues children.
    expect(started).toEqual([30, 1, 130, 101]);
  });

  it('rejects with the first failure of a work or of take, and stops starting items', async () => {
    const started: number[] = [];
    const failing = inOrder([1, 2, 3, 4], 1, async (x) => {
      started.push(x);
      if (x === 2) throw new Error('item 2 failed');
      return x;
    }, undefined, () => {});
    await expect(failing).rejects.toThrow('item 2 failed');
    expect(started).toEqual([1, 2]);
    await expect(inOrder([1], 1, async (x) => x, undefined, () => { throw new Error('take failed'); })).rejects.toThrow('take failed');
    await expect(inOrder([], 1, async (x) => x, undefined, () => {})).resolves.toBeUndefined();
  });
});

describe('JobPool', () => {
  it('gives each job to the least busy worker', async () => {
    const seen: number[] = [];
    const lane = (i: number) => async (ms: number) => {
      seen.push(i);
      await new Promise((r) => setTimeout(r, ms));
      return i;
    };
    const pool = new JobPool([lane(0), lane(1)]);
    const a = pool.run(20);
    const b = pool.run(1);
    await b;
    const c = pool.run(1); // worker 1 is free again, worker 0 still busy
    expect(await Promise.all([a, b, c])).toEqual([0, 1, 1]);
    expect(seen).toEqual([0, 1, 1]);
  });
});
