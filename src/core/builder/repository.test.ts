import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { MapSource } from '../validate/source.ts';
import type { ValidationResult } from '../validate/types.ts';
import { validate } from '../validate/walk.ts';
import { DEFECT_NAMES, DEFECTS } from './defects.ts';
import { KeyRing } from './keys.ts';
import { planRepository } from './plan.ts';
import { buildRepository, type BuiltRepository, type RepositorySpec } from './repository.ts';
import { WEAK_KEY_POOL } from './weak-key-pool.ts';

const DAY = 86400;
/** Build time; validation runs a day later, inside every window. */
const TIME = Date.parse('2026-01-01T00:00:00Z') / 1000;
const EVALUATION = TIME + DAY;

const build = (spec: RepositorySpec, time = TIME) => buildRepository(spec, { time, keys: WEAK_KEY_POOL });

function run(repo: BuiltRepository): Promise<ValidationResult> {
  const { name, uris, spki } = repo.tal;
  return validate([{ name, uris, spki }], new MapSource(repo.objects), { time: EVALUATION, crypto: nodeCrypto() });
}

const vrpKeys = (vrps: { asn: number; prefix: string; maxLength: number }[]) => vrps.map((v) => `${v.asn} ${v.prefix} ${v.maxLength}`).sort();
const aspaKeys = (aspas: { customer: number; providers: number[] }[]) => aspas.map((a) => `${a.customer}: ${a.providers.join(' ')}`).sort();

describe('a built repository', () => {
  it('validates clean with our walk, giving exactly the planned VRPs, ASPAs and router keys', async () => {
    const repo = await build({ seed: 'clean', intermediates: 3, members: 3, roas: 4, aspas: 3, routers: 2, gbrs: 2 });
    const result = await run(repo);
    expect(repo.objects.size).toBe(1 + 4 * 2 + 3 + 9 + 9 * 2 + 36 + 3 + 2 + 2);
    for (const r of result.reports) expect({ uri: r.uri, status: r.status, findings: r.findings.map((f) => f.code) }).toEqual({ uri: r.uri, status: 'valid', findings: [] });
    expect(result.reports.length).toBe(repo.objects.size);
    expect(vrpKeys(result.vrps)).toEqual(vrpKeys(repo.expected.vrps));
    expect(repo.expected.vrps.length).toBeGreaterThan(36);
    expect(aspaKeys(result.aspas)).toEqual(aspaKeys(repo.expected.aspas));
    expect(result.routerKeys.map((k) => ({ asn: k.asn, ski: k.ski }))).toEqual(repo.expected.routerKeys);
    expect(repo.expected.defects).toEqual([]);
  });

  it('is the same bytes for the same spec, seed, time and key pool, and different for another seed or time', async () => {
    const spec = { seed: 'same', intermediates: 1, members: 2, roas: 2, aspas: 1, routers: 1, gbrs: 1 };
    const [a, b, c, d] = await Promise.all([build(spec), build(spec), build({ ...spec, seed: 'other' }), build(spec, TIME + 1)]);
    expect([...a.objects.keys()]).toEqual([...b.objects.keys()]);
    for (const [uri, bytes] of a.objects) expect(Buffer.from(b.objects.get(uri)!).equals(bytes)).toBe(true);
    expect(a.tal.text).toBe(b.tal.text);
    expect(c.tal.text).not.toBe(a.tal.text);
    expect(Buffer.from(d.objects.get(a.tal.uris[0])!).equals(a.objects.get(a.tal.uris[0])!)).toBe(false);
  });

  it('refuses a plan it cannot honour', () => {
    const ring = () => new KeyRing(WEAK_KEY_POOL, 'x');
    expect(() => planRepository({ seed: 'x', intermediates: 1, members: 1, roas: 1, defects: ['expired-ee', 'revoked-ee'] }, TIME, ring())).toThrow(
      /2 defects need as many member CAs/,
    );
    expect(() => planRepository({ seed: 'x', intermediates: 1, members: 2, roas: 1, defects: ['expired-ee', 'expired-ee'] }, TIME, ring())).toThrow(/once/);
    expect(() => planRepository({ seed: 'x', intermediates: 1, members: 1, roas: 0, defects: ['expired-ee'] }, TIME, ring())).toThrow(/no ROA/);
    expect(() => planRepository({ seed: 'x', intermediates: 40, members: 40, roas: 1 }, TIME, ring())).toThrow(/key pool/);
  });
});

describe('defects', () => {
  it('all at once: each gives its finding on its object, and the payloads are the planned ones', async () => {
    const repo = await build({ seed: 'defects', intermediates: 3, members: 9, roas: 3, aspas: 3, routers: 2, gbrs: 2, defects: DEFECT_NAMES });
    const result = await run(repo);
    const byUri = new Map(result.reports.map((r) => [r.uri, r]));
    expect(repo.expected.defects.map((d) => d.defect)).toEqual(DEFECT_NAMES);
    for (const d of repo.expected.defects) {
      const report = byUri.get(d.uri);
      expect({ defect: d.defect, status: report?.status, has: report?.findings.some((f) => f.code === d.expectedCode) }).toEqual({
        defect: d.defect,
        status: 'invalid',
        has: true,
      });
    }
    expect(vrpKeys(result.vrps)).toEqual(vrpKeys(repo.expected.vrps));
    expect(aspaKeys(result.aspas)).toEqual(aspaKeys(repo.expected.aspas));
    expect(result.routerKeys.map((k) => ({ asn: k.asn, ski: k.ski }))).toEqual(repo.expected.routerKeys);
    // Nothing fails but the defective objects and what lies in the publication points they hit or below.
    const hit = repo.expected.defects.map((d) => d.uri.replace(/\.cer$/, '/').replace(/[^/]*$/, ''));
    for (const r of result.reports) {
      if (r.status === 'valid') continue;
      const inHit = repo.expected.defects.some((d) => d.uri === r.uri) || hit.some((dir) => r.uri.startsWith(dir));
      expect({ uri: r.uri, inHit }).toEqual({ uri: r.uri, inHit: true });
    }
  });

  it.each(DEFECT_NAMES)('%s alone takes exactly the planned payloads away', async (defect) => {
    const spec = { seed: `one-${defect}`, intermediates: 1, members: 2, roas: 3 };
    const [clean, broken] = await Promise.all([build(spec), build({ ...spec, defects: [defect] })]);
    const result = await run(broken);
    const [d] = broken.expected.defects;
    expect(d).toMatchObject({ defect, expectedCode: DEFECTS[defect].code });
    const report = result.reports.find((r) => r.uri === d.uri);
    expect(report?.findings.map((f) => f.code)).toContain(d.expectedCode);
    expect(vrpKeys(result.vrps)).toEqual(vrpKeys(broken.expected.vrps));
    expect(broken.expected.vrps.length).toBeLessThan(clean.expected.vrps.length);
  });
});
