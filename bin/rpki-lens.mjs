#!/usr/bin/env node
// The CLI runs the TypeScript sources directly, so it works right after `npm ci`. It runs them bundled by esbuild
// into one module beside them (src/cli/.main.bundle.mjs, made again when a source under src/ is newer): that
// starts in about 0.2 s, where tsx compiling each module at every start takes about 0.8 s. Without esbuild, or
// where the bundle cannot be written, tsx runs the sources.
import { readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const ENTRY = `${SRC}cli/main.ts`;
// Beside main.ts, so that paths the CLI resolves from import.meta.url (its worker's sources) stay right.
const BUNDLE = `${SRC}cli/.main.bundle.mjs`;

/** The newest modification time of a TypeScript source under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

async function bundled() {
  try {
    if (statSync(BUNDLE).mtimeMs >= newestSource(SRC)) return BUNDLE;
  } catch {
    // no bundle yet
  }
  try {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    // Written whole and renamed into place: CLIs started together never import half a file.
    const temp = `${BUNDLE}.${process.pid}`;
    writeFileSync(temp, out.outputFiles[0].contents);
    renameSync(temp, BUNDLE);
    return BUNDLE;
  } catch {
    return undefined;
  }
}

const bundle = await bundled();
let main;
if (bundle) ({ main } = await import(bundle));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(ENTRY));
}
process.exitCode = await main(process.argv.slice(2));
