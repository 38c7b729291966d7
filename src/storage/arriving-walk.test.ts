/**
 * Validation while a snapshot is still arriving, as the app runs it: the walk over a PackWriter being filled, each
 * publication point run as a job as soon as its directory looks complete, and run again if it ran early and missed a
 * file. Whatever the order the objects arrive in, the reports and payloads are those of the whole snapshot.
 */
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../cli/node-crypto.ts';
import type { VerifyContext } from '../core/validate/issuer.ts';
import { fromWire, jobRunner, runJob, runArriving, toWire, type CaJob } from '../core/validate/job.ts';
import { dirOf } from '../core/validate/source.ts';
import { validate } from '../core/validate/walk.ts';
import { forgeTree } from '../testing/fixtures.ts';
import { PackWriter } from './packs.ts';

const TIME = Date.parse('2026-11-24T00:00:00Z') / 1000;
const ctx: VerifyContext = { time: TIME, crypto: nodeCrypto() };
const { source, tals } = forgeTree('medium-defects');
const objects = source.objects;

/** A seeded shuffle (xorshift), so that a failure can be replayed. */
function shuffled<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const sorted = [...objects.keys()].sort();
const taDir = dirOf(tals[0].uris[0]);
/** The trust anchor's directory (its certificate, manifest, CRL and children's certificates) first. */
const taFirst = (list: string[]) => [...list.filter((u) => dirOf(u) === taDir), ...list.filter((u) => dirOf(u) !== taDir)];
const orders: Record<string, string[]> = {
  // The trust anchor last, as in a sorted tree where ta/ follows the repository: nothing can start early.
  sorted,
  'sorted, the trust anchor first': taFirst(sorted),
  reversed: [...sorted].reverse(),
  shuffled: taFirst(shuffled(sorted, 20261125)),
  // Each directory's manifest first, then every manifest's files: every early job lacks files, and waits for them.
  'manifests first': taFirst([...sorted.filter((u) => u.endsWith('.mft')), ...sorted.filter((u) => !u.endsWith('.mft'))]),
};

describe('the walk while objects arrive', () => {
  const whole = validate(tals, source, { time: TIME, crypto: ctx.crypto });

  for (const [name, order] of Object.entries(orders)) {
    it(`${name}: the reports and payloads of the whole snapshot`, async () => {
      // Small packs, at most two held for jobs to come (the rest let go once written), let go as their directories'
      // jobs finish, and read back when a directory is asked for again.
      const stored = new Map<number, Uint8Array>();
      const writer = new PackWriter(async (pack, b) => void stored.set(pack, b.slice()), async (pack) => stored.get(pack)!, 64 << 10, 128 << 10);
      let early = 0;
      let lacking = 0;
      const runner = jobRunner(16, (ca: CaJob) =>
        runArriving(ca, writer, async (job) => {
          const result = fromWire(structuredClone(toWire(await runJob(structuredClone(job), ctx)).wire));
          if (job.early && !result.lacking) early++;
          if (result.lacking) lacking++;
          return result;
        }),
      );
      const validation = validate(tals, writer, { time: TIME, crypto: ctx.crypto }, runner);
      for (const [i, uri] of order.entries()) {
        writer.set(uri, objects.get(uri)!);
        if (i % 40 === 39) await new Promise((r) => setTimeout(r));
      }
      await writer.done();
      const got = await validation;
      const base = await whole;
      expect(got.reports).toEqual(base.reports);
      expect(got.vrps).toEqual(base.vrps);
      expect(got.aspas).toEqual(base.aspas);
      expect(got.routerKeys).toEqual(base.routerKeys);
      const points = new Set(base.reports.filter((r) => r.type === 'mft').map((r) => dirOf(r.uri))).size;
      // Publication points ran while objects were still arriving; those that lacked files waited for them.
      if (name === 'sorted') expect(early).toBe(0);
      else expect(early).toBeGreaterThan(0);
      if (name === 'sorted, the trust anchor first') expect(early).toBeGreaterThan(points / 2);
      if (name === 'manifests first') expect(lacking).toBeGreaterThan(0);
    });
  }
});
