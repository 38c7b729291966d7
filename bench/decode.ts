/**
 * Decoding speed: every object of a repository decoded and inspected by our decoders, beside asn1js `fromBER` on
 * the same bytes for reference. Usage: npm run bench:decode [-- DIR ...] (default: the forge medium repository and
 * the real trees of ../shared/fixtures when present). The script bundles this file with esbuild first, so the code
 * measured is the code the browser runs, without the name-keeping wrappers tsx adds to every function.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fromBER } from 'asn1js';
import { decodeObject } from '../src/core/objects/object.ts';

const SHARED = resolve(process.cwd(), '../shared/fixtures');
const defaults = ['forge/medium/repo', 'real/ripe-ncc-pilot-rrdp/tree', 'real/apnic-rpki-erik-demo'].map((d) => join(SHARED, d));
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : defaults.filter(existsSync);
const OBJECT = /\.(cer|crl|roa|mft|asa|gbr|tak|sig|spl)$/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (OBJECT.test(name)) out.push(p);
  }
  return out;
}

function time(label: string, objects: { name: string; bytes: Uint8Array }[], run: (o: { name: string; bytes: Uint8Array }) => void): number {
  for (const o of objects) run(o); // warm up: one full pass, so the JIT has seen every object type
  const rounds = Math.max(1, Math.ceil(20000 / objects.length));
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) for (const o of objects) run(o);
  const s = (performance.now() - t0) / 1000;
  const n = objects.length * rounds;
  const mb = (objects.reduce((a, o) => a + o.bytes.length, 0) * rounds) / 1e6;
  console.log(`  ${label.padEnd(34)} ${(n / s).toFixed(0).padStart(8)} objects/s ${(mb / s).toFixed(1).padStart(8)} MB/s`);
  return n / s;
}

for (const dir of dirs) {
  const objects = files(dir).map((p) => ({ name: p, bytes: new Uint8Array(readFileSync(p)) }));
  const bytes = objects.reduce((a, o) => a + o.bytes.length, 0);
  console.log(`${dir}: ${objects.length} objects, ${(bytes / 1e6).toFixed(1)} MB`);
  const errors = objects.filter((o) => !decodeObject(o.name, o.bytes).ok).length;
  const ours = time('rpki-lens decode + inspect', objects, (o) => {
    decodeObject(o.name, o.bytes);
  });
  const ref = time('asn1js fromBER (syntax tree only)', objects, (o) => {
    fromBER(o.bytes);
  });
  console.log(`  ${(ours / ref).toFixed(1)}× asn1js; ${errors} objects with error findings`);
}
