/**
 * One repository, every form an operator may hold it in: a folder in rsync layout, the forge tarball, an rpki-client
 * cache tarball, an RPKIViews tarball (with rpki-client's recorded output) and an RRDP snapshot. Each must give the
 * same VRPs as the others and as the fixture's expected list.
 */
import { openAsBlob, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTarPacker } from 'modern-tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../cli/snapshot-input.ts';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { FIXTURES, fixtureTal } from '../../testing/fixtures.ts';
import type { TalInput } from '../validate/types.ts';
import { validate } from '../validate/walk.ts';
import { compareVrps, loadSnapshot, type LoadedSnapshot } from './index.ts';
import type { SnapshotInput } from './types.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'rpki-lens-snapshot-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function stream(path: string): Promise<ReadableStream<Uint8Array>> {
  return (await openAsBlob(path)).stream() as ReadableStream<Uint8Array>;
}

/** A .tar.gz written to the temp folder with modern-tar's packer, streamed through CompressionStream. */
async function packTgz(name: string, entries: { path: string; bytes: Uint8Array }[]): Promise<string> {
  const { readable, controller } = createTarPacker();
  const gz = new Response(readable.pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
  for (const e of entries) {
    const w = controller.add({ name: e.path, size: e.bytes.length, type: 'file' }).getWriter();
    await w.write(e.bytes);
    await w.close();
  }
  controller.finalize();
  const file = join(tmp, name);
  await writeFile(file, new Uint8Array(await gz));
  return file;
}

async function repoFiles(dir: string): Promise<{ path: string; bytes: Uint8Array }[]> {
  const files = await listFiles(dir);
  return Promise.all(files.map(async (f) => ({ path: f.path, bytes: await f.read() })));
}

async function vrpsOf(loaded: LoadedSnapshot, tals: TalInput[], time: number): Promise<string[]> {
  const result = await validate(tals, loaded.source, { time, crypto: nodeCrypto() });
  return [...new Set(result.vrps.map((v) => `${v.asn},${v.prefix},${v.maxLength}`))].sort();
}

async function load(input: SnapshotInput, name: string, tals: TalInput[] = []): Promise<LoadedSnapshot> {
  const loaded = await loadSnapshot(input, name, { tals });
  expect(loaded.findings.filter((f) => f.severity === 'error'), name).toEqual([]);
  return loaded;
}

const FORGE_TIME = Date.parse('2026-11-24T00:00:00Z') / 1000;

describe.each(['small', 'medium'])('forge/%s in every form', (which) => {
  const dir = join(FIXTURES, 'forge', which);
  const ta = () => fixtureTal(`forge/${which}/ta.tal`, 'ta');
  const expected = () =>
    readFileSync(join(dir, 'expected-vrps.csv'), 'utf8').trim().split('\n').slice(1).sort();

  it('gives the expected VRPs from the folder, the forge tarball, an rpki-client cache, RPKIViews and RRDP', async () => {
    const want = expected();
    const forms: [string, () => Promise<SnapshotInput>][] = [
      ['folder', async () => listFiles(join(dir, 'repo'))],
      ['snapshot.tar.gz', () => stream(join(dir, 'snapshot.tar.gz'))],
      ['snapshot.xml', () => stream(join(dir, 'rrdp/snapshot.xml'))],
    ];
    const results = new Map<string, string[]>();
    for (const [name, input] of forms) {
      const loaded = await load(await input(), name, [ta()]);
      results.set(name, await vrpsOf(loaded, [ta()], FORGE_TIME));
    }

    // rpki-client's cache: the TA certificate under ta/<tal>/, a staging copy beside the validated one, and one
    // object only in .rsync/ (used, with an info finding).
    const repo = await repoFiles(join(dir, 'repo'));
    const taPath = 'rpki.example.net/repo/ta/ta.cer';
    const onlyStaged = repo.find((f) => f.path.endsWith('.roa'))!;
    const cache = [
      ...repo.filter((f) => f.path !== taPath && f !== onlyStaged),
      { path: 'ta/ta/ta.cer', bytes: repo.find((f) => f.path === taPath)!.bytes },
      { path: `.rsync/${onlyStaged.path}`, bytes: onlyStaged.bytes },
      { path: `.rrdp/0123abcd/${repo[0].path}`, bytes: new Uint8Array([0x30, 0, 1]) },
    ];
    const cacheTgz = await packTgz(`${which}-cache.tgz`, cache);
    const fromCache = await load(await stream(cacheTgz), 'cache.tgz', [ta()]);
    expect(fromCache.stats.layouts).toContain('rpki-client-cache');
    expect(fromCache.findings.map((f) => f.code)).toContain('snapshot.entry.staging');
    results.set('cache.tgz', await vrpsOf(fromCache, [ta()], FORGE_TIME));

    // Without a TAL the cache's own TA certificate stands in, named after its ta/ folder.
    const selfTrusted = await load(await stream(cacheTgz), 'cache.tgz');
    expect(selfTrusted.tals.map((t) => t.name)).toEqual(['ta']);
    expect(selfTrusted.findings.map((f) => f.code)).toContain('snapshot.ta.from-snapshot');
    results.set('cache.tgz, no TAL', await vrpsOf(selfTrusted, selfTrusted.tals, FORGE_TIME));

    // RPKIViews: the cache under rpki-<stamp>/data/ and rpki-client's JSON under rpki-<stamp>/output/.
    const stamp = 'rpki-20261124T000000Z';
    const roas = want.map((l) => {
      const [asn, prefix, maxLength] = l.split(',');
      return { asn: Number(asn), prefix, maxLength: Number(maxLength), ta: 'ta', expires: 0 };
    });
    const json = new TextEncoder().encode(JSON.stringify({ metadata: { buildtime: '2026-11-24T00:00:00Z' }, roas }));
    const views = [
      ...cache.map((f) => ({ path: `${stamp}/data/${f.path}`, bytes: f.bytes })),
      { path: `${stamp}/output/rpki-client.json`, bytes: json },
      { path: `${stamp}/output/rpki-client.csv`, bytes: new TextEncoder().encode('ASN,IP Prefix\n') },
    ];
    const fromViews = await load(await stream(await packTgz(`${which}-views.tgz`, views)), 'views.tgz', [ta()]);
    expect(fromViews.stats.layouts).toContain('rpkiviews');
    const ours = await vrpsOf(fromViews, [ta()], FORGE_TIME);
    results.set('rpkiviews.tgz', ours);
    expect(fromViews.recorded?.vrps.length).toBe(want.length);
    const agreement = compareVrps(
      ours.map((l) => ({ asn: Number(l.split(',')[0]), prefix: l.split(',')[1], maxLength: Number(l.split(',')[2]) })),
      fromViews.recorded!.vrps,
    );
    expect(agreement).toMatchObject({ ours: want.length, recorded: want.length, both: want.length, onlyOurs: 0, onlyRecorded: 0 });

    for (const [name, vrps] of results) expect(vrps, name).toEqual(want);
  });
});

describe('RIPE NCC pilot: the tree folder and the RRDP snapshot', () => {
  const base = join(FIXTURES, 'real/ripe-ncc-pilot-rrdp');
  const time = Date.parse('2023-08-04T12:00:00Z') / 1000;

  it('gives rpki-client 8.2\'s 782 VRPs from both', async () => {
    const pilot = fixtureTal('real/ripe-ncc-pilot-rrdp/ripe-pilot.tal', 'ripe-pilot');
    const want = readFileSync(join(base, 'expected/vrps-rpki-client-8.2-at-2023-08-04T12Z.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => {
        const [asn, prefix, max] = l.split(',');
        return `${asn.slice(2)},${prefix},${max}`;
      })
      .sort();
    expect(want.length).toBe(782);
    const fromTree = await load(await listFiles(join(base, 'tree')), 'tree', [pilot]);
    const fromRrdp = await load(await stream(join(base, 'rrdp/snapshot.xml.gz')), 'snapshot.xml.gz', [pilot]);
    expect(fromTree.stats.objects).toBe(1766);
    expect(fromRrdp.stats).toMatchObject({ objects: 1766, container: 'xml.gz', rrdp: { session: 'b4772554-7369-4e0e-94f8-883d01bcabc8', serial: '11486' } });
    expect(await vrpsOf(fromTree, [pilot], time)).toEqual(want);
    expect(await vrpsOf(fromRrdp, [pilot], time)).toEqual(want);
  });
});
