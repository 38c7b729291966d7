/**
 * Every finding code is produced by some fixture — decoding every real and generated object, walking every
 * repository we have — or asserted by a crafted-input unit test (its test file names the code), or listed below as
 * not yet exercised. The list can only shrink: a code exercised either way must leave it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRepository } from '../builder/repository.ts';
import { decodeObject } from '../objects/object.ts';
import { catalog } from '../report/catalog.ts';
import { FIXTURES, fixtureFiles } from '../../testing/fixtures.ts';
import { validateTree } from '../../testing/validate-tree.ts';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { MapSource } from './source.ts';
import type { ValidationResult } from './types.ts';
import { validate } from './walk.ts';
import { DirectorySource } from '../../cli/fs-source.ts';
import { decodeTal } from '../objects/tal.ts';
import { DEFECT_NAMES } from '../builder/defects.ts';
import { WEAK_KEY_POOL } from '../builder/weak-key-pool.ts';

const NOT_YET_EXERCISED: string[] = [
  // A CA whose certificate names no manifest is never a CA (cert.sia.manifest.missing is an error): the walk's own
  // check is there for the type, not for any input.
  'walk.manifest.no-sia',
];

/** The text of every unit test but this one: a code quoted there is asserted on crafted input. */
function craftedTestSources(): string {
  const root = new URL('../../', import.meta.url).pathname;
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.test.ts') && e.name !== 'codes-coverage.test.ts' ? [join(dir, e.name)] : [],
    );
  return files(root).map((f) => readFileSync(f, 'utf8')).join('\n');
}

const produced = new Set<string>();
const collect = (r: ValidationResult) => r.reports.forEach((x) => x.findings.forEach((f) => produced.add(f.code)));

describe('finding codes', () => {
  it('are each produced by a fixture or listed as not yet exercised', { timeout: 120_000 }, async () => {
    for (const p of fixtureFiles('real', (f) => /\.(cer|crl|roa|mft|asa|gbr|tak|sig|spl|tal)$/i.test(f))) {
      decodeObject(p, readFileSync(`${FIXTURES}/${p}`)).findings.forEach((f) => produced.add(f.code));
    }
    const forge = `${FIXTURES}/forge`;
    for (const d of ['medium-defects', ...fixtureFiles('forge/mutations', (f) => f.endsWith('/ta.tal')).map((f) => f.slice(6, -7))]) {
      collect(await validateTree(`${forge}/${d}/repo`, `${forge}/${d}/ta.tal`, '2026-11-24T00:00:00Z'));
    }
    const real = `${FIXTURES}/real`;
    collect(await validateTree(`${real}/ripe-ncc-pilot-rrdp/tree`, `${real}/ripe-ncc-pilot-rrdp/ripe-pilot.tal`, '2023-08-04T12:00:00Z'));
    collect(await validateTree(`${real}/nlnetlabs-krill-testbed/tree-2023-03-19`, `${real}/nlnetlabs-krill-testbed/krill-testbed-2022.tal`, '2023-03-19T16:00:00Z'));
    const bbn = `${real}/ripe-ncc-rpki-commons/conformance`;
    for (const t of fixtureFiles('real/ripe-ncc-rpki-commons/conformance/tals-from-rpstir')) {
      const name = t.slice(t.lastIndexOf('/') + 1, -4);
      const tal = decodeTal(readFileSync(`${FIXTURES}/${t}`), name);
      if (!tal.ok) continue;
      const source = new DirectorySource(bbn, [], 'rsync://rpki.bbn.com/conformance/');
      collect(await validate([{ name, uris: tal.value.uris, spki: tal.value.spki }], source, { time: Date.parse('2025-01-01T00:00:00Z') / 1000, crypto: nodeCrypto() }));
    }
    const built = await buildRepository(
      { seed: 'coverage', intermediates: 3, members: 9, roas: 2, aspas: 2, routers: 1, gbrs: 1, defects: DEFECT_NAMES },
      { time: Date.parse('2026-01-01T00:00:00Z') / 1000, keys: WEAK_KEY_POOL },
    );
    collect(await validate([built.tal], new MapSource(built.objects), { time: Date.parse('2026-01-02T00:00:00Z') / 1000, crypto: nodeCrypto() }));

    const crafted = craftedTestSources();
    // internal.bug is quoted by tests only to assert its absence; it must never be produced.
    const missing = Object.keys(catalog).filter((c) => c !== 'internal.bug' && !produced.has(c) && !crafted.includes(`'${c}'`));
    expect(missing.sort()).toEqual([...NOT_YET_EXERCISED].sort());
  });
});
