/** The CLI's parallel engine: worker_threads workers give the in-process walk's output, whatever their number. */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { validate } from '../core/validate/walk.ts';
import { FIXTURES, fixtureTal } from '../testing/fixtures.ts';
import { vrpLines, csvVrpLines } from '../testing/validate-tree.ts';
import { DirectorySource } from './fs-source.ts';
import { nodeCrypto } from './node-crypto.ts';
import { startNodePool } from './pool.ts';
import { validateCommand } from './validate.ts';

const SMALL = join(FIXTURES, 'forge/small');
const TIME = Date.parse('2026-11-24T00:00:00Z') / 1000;

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await validateCommand(args), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('worker_threads pool', () => {
  it('forge small over 2 workers reading the directory: the expected VRPs and the in-process reports', async () => {
    const tals = [fixtureTal('forge/small/ta.tal', 'ta')];
    const source = new DirectorySource(join(SMALL, 'repo'), ['ta']);
    const opts = { time: TIME, crypto: nodeCrypto() };
    const pool = await startNodePool(2, { time: TIME, repo: { dir: join(SMALL, 'repo'), talNames: ['ta'] } });
    try {
      const parallel = await validate(tals, source, opts, pool.runner);
      const serial = await validate(tals, source, opts);
      expect(vrpLines(parallel)).toEqual(csvVrpLines(join(SMALL, 'expected-vrps.csv')));
      expect(parallel.reports).toEqual(serial.reports);
      expect(parallel.vrps).toEqual(serial.vrps);
    } finally {
      await pool.close();
    }
  });

  it('rpki-lens validate --workers 2 prints the CSV of --workers 1 and --workers 0, over a folder and an archive', async () => {
    const at = ['--at', '2026-11-24T00:00:00Z'];
    const repo = ['--repo', join(SMALL, 'repo'), '--tal', join(SMALL, 'ta.tal'), ...at];
    const archive = [join(SMALL, 'snapshot.tar.gz'), '--tal', join(SMALL, 'ta.tal'), ...at];
    const outs = [];
    for (const args of [repo, archive]) for (const w of ['0', '1', '2']) outs.push(await cli([...args, '--workers', w]));
    expect(outs.every((r) => r.code === 0)).toBe(true);
    expect(outs[0].out.split('\n').length).toBeGreaterThan(20);
    for (const r of outs) expect(r.out).toBe(outs[0].out);
  });

  it('refuses a --workers that is not a count', async () => {
    await expect(validateCommand(['--repo', SMALL, '--tal', join(SMALL, 'ta.tal'), '--workers', 'many'])).rejects.toThrow(/--workers many/);
  });
});
