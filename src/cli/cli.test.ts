/** The command line as a user runs it: `node bin/rpki-lens.mjs …`, exit codes and outputs. */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../testing/fixtures.ts';

const BIN = new URL('../../bin/rpki-lens.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const ROA = `${FIXTURES}/real/nlnetlabs-rpki-rs/repository/example-ripe.roa`;
const small = `${FIXTURES}/forge/small`;

describe('rpki-lens inspect', () => {
  it('prints every field and the findings of a real ROA', () => {
    const r = run('inspect', ROA, '--at', '2019-07-01T00:00:00Z');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('asId: 209870');
    expect(r.stdout).toContain('der.ber.indefinite-length');
    expect(r.stdout).not.toContain('cert.validity.expired');
  });

  it('reports expiry as of --at', () => {
    const r = run('inspect', ROA, '--at', '1700000000');
    expect(r.stdout).toContain('ERROR cert.validity.expired');
  });

  it('writes one JSON object per file, with the path as given, and exits 1 when a file does not decode', () => {
    const r = run('inspect', '--json', ROA, '/etc/hostname');
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([ROA, '/etc/hostname']);
    expect(lines[0]).toMatchObject({ type: 'roa', validation: 'OK', vrps: [{ prefix: '2a0c:b642:fc0::/43', asid: 209870, maxlen: 43 }] });
    expect(lines[1].findings.map((f: { code: string }) => f.code)).toEqual(['object.type.unknown']);
  });

  it('exits 2 on usage errors', () => {
    expect(run('inspect').status).toBe(2);
    expect(run('frobnicate').status).toBe(2);
    expect(run('validate', '--repo', small).status).toBe(2);
    expect(run('inspect', ROA, '--at', 'yesterday').status).toBe(2);
  });
});

describe('rpki-lens validate', () => {
  it('prints rpki-client CSV on stdout and a summary on stderr', () => {
    const r = run('validate', '--tal', `${small}/ta.tal`, '--repo', `${small}/repo`, '--at', '2026-11-24T00:00:00Z');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(new URL('../core/output/golden/forge-small.rpki-client.csv', import.meta.url), 'utf8'));
    expect(r.stderr).toMatch(/roa\s+15 valid/);
    expect(r.stderr).toContain('VRPs: 22 unique');
  });
});

describe('rpki-lens startup', () => {
  const BUNDLE = new URL('./.main.bundle.mjs', import.meta.url).pathname;
  const mtime = () => statSync(BUNDLE).mtimeMs;

  it('runs from a bundle of the sources, made again when a source is newer and kept otherwise', () => {
    expect(run('inspect', ROA).status).toBe(0); // makes the bundle, or finds it made
    const past = new Date('2001-01-01T00:00:00Z');
    utimesSync(BUNDLE, past, past); // older than every source: stale
    expect(run('inspect', ROA).stdout).toContain('asId: 209870');
    const made = mtime();
    expect(made).toBeGreaterThan(past.getTime());
    expect(made).toBeGreaterThanOrEqual(statSync(new URL('./main.ts', import.meta.url)).mtimeMs);
    expect(run('inspect', ROA).stdout).toContain('asId: 209870');
    expect(mtime()).toBe(made);
  });
});
