/** Test-only access to the shared fixtures beside the clone (`../shared/fixtures`). Never used by the app or CLI. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
