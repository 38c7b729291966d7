/** `rpki-lens validate` over snapshots in each form, with TALs given or found, and the recorded-output comparison. */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packTar } from 'modern-tar';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURES } from '../testing/fixtures.ts';
import { listFiles } from './snapshot-input.ts';
import { validateCommand } from './validate.ts';

const SMALL = join(FIXTURES, 'forge/small');
const AT = ['--at', '2026-11-24T00:00:00Z'];
const expectedSmall = readFileSync(join(SMALL, 'expected-vrps.csv'), 'utf8').trim().split('\n').slice(1).sort();

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rpki-lens-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await validateCommand(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** asn,prefix,maxlen lines from rpki-client-style CSV output (AS-prefixed ASN, header line). */
function vrpLines(csv: string): string[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [asn, prefix, max] = l.split(',');
      return `${asn.replace(/^AS/, '')},${prefix},${max}`;
    })
    .sort();
}

/** An RPKIViews-style tarball of forge/small, with `roas` as rpki-client's recorded output. */
async function rpkiviews(roas: { asn: number; prefix: string; maxLength: number }[]): Promise<string> {
  const stamp = 'rpki-20261124T000000Z';
  const files = await listFiles(join(SMALL, 'repo'));
  const entries = await Promise.all(files.map(async (f) => ({ header: { name: `${stamp}/data/${f.path}`, size: f.size }, body: await f.read() })));
  const json = new TextEncoder().encode(JSON.stringify({ metadata: { buildtime: '2026-11-24T00:00:00Z' }, roas: roas.map((r) => ({ ...r, ta: 'ta', expires: 0 })) }));
  entries.push({ header: { name: `${stamp}/output/rpki-client.json`, size: json.length }, body: json });
  const path = join(tmp, `${stamp}-${roas.length}.tgz`);
  await writeFile(path, gzipSync(await packTar(entries)));
  return path;
}

const asRoas = (lines: string[]) => lines.map((l) => ({ asn: Number(l.split(',')[0]), prefix: l.split(',')[1], maxLength: Number(l.split(',')[2]) }));

describe('rpki-lens validate SNAPSHOT', () => {
  it('validates the forge tarball with --tal', async () => {
    const r = await run([join(SMALL, 'snapshot.tar.gz'), '--tal', join(SMALL, 'ta.tal'), ...AT]);
    expect(r.code).toBe(0);
    expect(vrpLines(r.out)).toEqual(expectedSmall);
    expect(r.err).toMatch(/^snapshot: tar\.gz · rsync · 36 objects/);
  });

  it('validates a folder with the TAL found inside it', async () => {
    const r = await run([SMALL, ...AT]);
    expect(r.code).toBe(0);
    expect(vrpLines(r.out)).toEqual(expectedSmall);
    expect(r.err).toContain('info: snapshot.entry.not-rpki');
  });

  it('validates an RRDP snapshot, and keeps --repo DIR working', async () => {
    const rrdp = await run([join(SMALL, 'rrdp/snapshot.xml'), '--tal', join(SMALL, 'ta.tal'), ...AT]);
    expect(vrpLines(rrdp.out)).toEqual(expectedSmall);
    expect(rrdp.err).toContain('RRDP session 74cf818b-29b0-4c45-af4a-7263107b1d9d serial 1');
    const repo = await run(['--repo', join(SMALL, 'repo'), '--tal', join(SMALL, 'ta.tal'), ...AT]);
    expect(repo.code).toBe(0);
    expect(vrpLines(repo.out)).toEqual(expectedSmall);
  });

  it('says so when no TAL is given or found', async () => {
    const r = await run([join(SMALL, 'rrdp/snapshot.xml'), ...AT]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('pass --tal FILE');
  });

  it('prints the agreement with the output recorded in an RPKIViews archive', async () => {
    const same = await run([await rpkiviews(asRoas(expectedSmall)), '--tal', join(SMALL, 'ta.tal'), ...AT]);
    expect(same.code).toBe(0);
    expect(same.err).toContain(`rpki-client.json (2026-11-24T00:00:00Z): ${expectedSmall.length} VRPs; ours ${expectedSmall.length}; in both ${expectedSmall.length}; only ours 0; only recorded 0`);
    expect(same.err).toMatch(/snapshot: tar\.gz · rpkiviews/);

    const differing = asRoas(expectedSmall.slice(1));
    differing.push({ asn: 64496, prefix: '192.0.2.0/24', maxLength: 24 });
    const diff = await run([await rpkiviews(differing), '--tal', join(SMALL, 'ta.tal'), ...AT]);
    const [asn, prefix, max] = expectedSmall[0].split(',');
    expect(diff.err).toContain('only ours 1; only recorded 1');
    expect(diff.err).toContain(`only ours:     AS${asn} ${prefix}-${max}`);
    expect(diff.err).toContain('only recorded: AS64496 192.0.2.0/24-24');
  });

  it('rejects a hostile file with its finding and no VRPs', async () => {
    const r = await run([join(FIXTURES, 'real/openbsd-rpki-client-regress/rrdp/xxe.xml'), '--tal', join(SMALL, 'ta.tal'), ...AT]);
    expect(r.err).toContain('error: snapshot.xml.doctype: xxe.xml: the XML has a document type declaration');
    expect(vrpLines(r.out)).toEqual([]);
  });
});
