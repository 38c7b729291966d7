/**
 * Hostile input over every real object: seeded random byte flips and truncations of each, deep nesting, and
 * lengths that claim more than the file holds. Each case must end as findings: never a throw, never an
 * `internal.bug`, never a hang, and no allocation sized by a claimed length.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureFiles } from '../../testing/fixtures.ts';
import { decodeObject } from './object.ts';

const OBJECTS = fixtureFiles('real', (p) => /\.(cer|crl|roa|mft|asa|gbr|tak|sig|spl)$/i.test(p));

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function survives(name: string, bytes: Uint8Array): void {
  const d = decodeObject(name, bytes);
  const bugs = d.findings.filter((f) => f.code === 'internal.bug');
  expect(bugs, `${name}: ${bugs.map((b) => b.message).join('; ')}`).toEqual([]);
}

describe('hostile input', () => {
  it(`${OBJECTS.length} real objects with random byte flips and truncations`, { timeout: 120_000 }, () => {
    expect(OBJECTS.length).toBeGreaterThan(5000);
    const rnd = random(6480);
    const started = performance.now();
    for (const path of OBJECTS) {
      const bytes = new Uint8Array(readFileSync(`${FIXTURES}/${path}`));
      if (!bytes.length) continue;
      for (let k = 0; k < 3; k++) {
        const flipped = bytes.slice();
        for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) flipped[Math.floor(rnd() * bytes.length)] ^= 1 + Math.floor(rnd() * 255);
        survives(path, flipped);
        survives(path, bytes.subarray(0, Math.floor(rnd() * bytes.length)));
      }
    }
    // ~40,000 hostile decodes: a hang or a super-linear path would blow far past this.
    expect(performance.now() - started).toBeLessThan(100_000);
  });

  it('deep nesting: 100,000 nested SEQUENCEs, definite and indefinite', () => {
    const depth = 100_000;
    const indefinite = new Uint8Array(depth * 4);
    for (let i = 0; i < depth; i++) indefinite.set([0x30, 0x80], 2 * i);
    for (const name of ['deep.cer', 'deep.roa', 'deep.crl']) {
      survives(name, indefinite);
      expect(decodeObject(name, indefinite).ok).toBe(false);
    }
    // Definite lengths: each level's header claims the rest; the decoders descend only as the schema allows.
    const definite: number[] = [];
    for (let i = 0; i < 2000; i++) definite.push(0x30, 0x84, 0, 0, 0, 0);
    const bytes = new Uint8Array(definite);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < 2000; i++) view.setUint32(6 * i + 2, bytes.length - 6 * (i + 1));
    survives('deep-definite.roa', bytes);
  });

  it('lengths that claim up to 4 GiB are refused without allocating them', () => {
    const claims = [
      [0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00],
      [0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      [0x30, 0x82, 0x10, 0x00, 0x04, 0x84, 0x7f, 0xff, 0xff, 0xff],
    ];
    for (const c of claims) {
      const d = decodeObject('claim.roa', new Uint8Array(c));
      expect(d.ok).toBe(false);
      expect(d.findings.map((f) => f.code).some((code) => code.startsWith('der.'))).toBe(true);
    }
  });
});
