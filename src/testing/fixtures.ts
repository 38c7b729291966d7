/** Test-only access to the shared fixtures beside the clone (`../shared/fixtures`). Never used by the app or CLI. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTal } from '../core/objects/tal.ts';
import { MapSource } from '../core/validate/source.ts';
import type { TalInput } from '../core/validate/types.ts';

export const FIXTURES = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/fixtures');

/** Bytes of a fixture, by path relative to `shared/fixtures` (e.g. `real/rpki-prover/AS204325.asa`). */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, path)));
}

/** Every file below a fixture folder, as paths relative to `shared/fixtures`, sorted. */
export function fixtureFiles(dir: string, filter: (path: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(FIXTURES, rel)).sort()) {
      const p = `${rel}/${name}`;
      if (statSync(join(FIXTURES, p)).isDirectory()) walk(p);
      else if (filter(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A TAL fixture, by path relative to `shared/fixtures`, as the walk takes it under `name`. */
export function fixtureTal(path: string, name: string): TalInput {
  const tal = decodeTal(fixture(path), name);
  if (!tal.ok) throw new Error(`${path} does not decode`);
  return { name, uris: tal.value.uris, spki: tal.value.spki };
}

/** A forge repository (`forge/<name>`): its rsync tree as a source by URI, and its TAL. */
export function forgeTree(name: string): { source: MapSource; tals: TalInput[] } {
  const dir = `forge/${name}`;
  const objects = new Map<string, Uint8Array>();
  for (const p of fixtureFiles(`${dir}/repo`)) objects.set(`rsync://${p.slice(`${dir}/repo/`.length)}`, fixture(p));
  return { source: new MapSource(objects), tals: [fixtureTal(`${dir}/ta.tal`, 'ta')] };
}
