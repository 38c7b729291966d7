/**
 * Findings of the walk on crafted repositories: a small built repository (TA → rir1 → two members) with objects
 * added to a member's publication point and its manifest signed again, so that exactly one check fires.
 *
 * walk.manifest.no-sia has no test: a CA or TA certificate without an rsync rpkiManifest fails inspection
 * (cert.sia.manifest.missing, an error), so the walk never makes it a CA whose publication point it processes.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { hex } from '../der/values.ts';
import { makeCertificate, type CertificateSpec, type Issuer } from '../builder/cert.ts';
import { makeSignedObject } from '../builder/cms.ts';
import { makeCrl } from '../builder/crl.ts';
import { KeyRing } from '../builder/keys.ts';
import { manifestContent } from '../builder/manifest.ts';
import { planRepository, type CaPlan } from '../builder/plan.ts';
import { buildRepository, type BuiltRepository } from '../builder/repository.ts';
import { routerSubject } from '../builder/router.ts';
import { WEAK_KEY_POOL } from '../builder/weak-key-pool.ts';
import { EContentType } from '../objects/signed-object.ts';
import { fixture } from '../../testing/fixtures.ts';
import { MapSource } from './source.ts';
import type { ValidationResult } from './types.ts';
import { validate } from './walk.ts';

const DAY = 86400;
const TIME = Date.parse('2026-01-01T00:00:00Z') / 1000;
const SPEC = { seed: 'walk-codes', intermediates: 1, members: 2, roas: 1 };

/** What republish and addCa need of a CA: its key, names and where it publishes. */
type Pp = Pick<CaPlan, 'name' | 'key' | 'dir' | 'certUri' | 'mftUri' | 'crlUri' | 'manifest' | 'cert'>;

// The plan is made again on a key ring of the same seed: the same keys as the build, and more after them.
const ring = new KeyRing(WEAK_KEY_POOL, SPEC.seed);
const plan = planRepository(SPEC, TIME, ring);
const [, rir1, m1] = plan.cas;
let built: BuiltRepository;
let serial = 1000n;

beforeAll(async () => {
  built = await buildRepository(SPEC, { time: TIME, keys: WEAK_KEY_POOL });
});

const issuer = (ca: Pp): Issuer => ({ name: ca.name, key: ca.key, certUri: ca.certUri, crlUri: ca.crlUri });

/** A certificate issued by `by`, valid as long as `by`'s. */
function issue(by: Pp, spec: Pick<CertificateSpec, 'kind' | 'subject' | 'key' | 'resources' | 'sia'>): Promise<Uint8Array> {
  return makeCertificate({ ...spec, serial: serial++, notBefore: by.cert.notBefore, notAfter: by.cert.notAfter }, issuer(by));
}

/** Puts `files` in the publication point of `ca` and signs its manifest again over every file there (RFC 9286 §4.2.1). */
async function republish(objects: Map<string, Uint8Array>, ca: Pp, files: Record<string, Uint8Array> = {}): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) objects.set(ca.dir + name, bytes);
  const listed = [...objects]
    .filter(([uri]) => uri.startsWith(ca.dir) && !uri.slice(ca.dir.length).includes('/') && uri !== ca.mftUri)
    .map(([uri, bytes]) => ({ name: uri.slice(ca.dir.length), hash: createHash('sha256').update(bytes).digest() }));
  const { thisUpdate, nextUpdate, ee } = ca.manifest;
  const eContent = manifestContent({ manifestNumber: 2n, thisUpdate, nextUpdate, files: listed });
  objects.set(ca.mftUri, await makeSignedObject({ eContentType: EContentType.mft, eContent, uri: ca.mftUri, ...ee }, issuer(ca)));
}

/** A new CA under `parent` holding what m1 holds, with a CRL and manifest of its own, listed on the parent's manifest. */
async function addCa(objects: Map<string, Uint8Array>, parent: Pp, name: string): Promise<Pp> {
  const dir = `${parent.dir}${name}/`;
  const ca: Pp = {
    name,
    key: ring.rsa(),
    dir,
    certUri: `${parent.dir}${name}.cer`,
    mftUri: `${dir}${name}.mft`,
    crlUri: `${dir}${name}.crl`,
    manifest: { ...m1.manifest, ee: { ...m1.manifest.ee, key: ring.rsa() } },
    cert: m1.cert,
  };
  const sia = { caRepository: dir, rpkiManifest: ca.mftUri };
  objects.set(ca.certUri, await issue(parent, { kind: 'ca', subject: name, key: ca.key, resources: m1.cert.resources, sia }));
  objects.set(ca.crlUri, await makeCrl({ ...m1.crl, crlNumber: 1n, revoked: [] }, issuer(ca)));
  await republish(objects, ca);
  await republish(objects, parent);
  return ca;
}

async function walk(objects: Map<string, Uint8Array>) {
  const result = await validate([built.tal], new MapSource(objects), { time: TIME + DAY, crypto: nodeCrypto() });
  const report = (uri: string) => {
    const r = result.reports.find((x) => x.uri === uri);
    if (!r) throw new Error(`no report for ${uri}`);
    return { status: r.status, findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, params: f.params })) };
  };
  return { result, report };
}

const vrpKeys = (r: ValidationResult | BuiltRepository['expected']) => r.vrps.map((v) => `${v.asn} ${v.prefix} ${v.maxLength}`).sort();
const roaOf = (ca: CaPlan) => ca.objects.find((o) => o.type === 'roa')!.uri;

describe('walk findings on crafted repositories', () => {
  it('the built repository validates clean', async () => {
    const { result } = await walk(new Map(built.objects));
    expect(result.reports.filter((r) => r.status !== 'valid')).toEqual([]);
    expect(vrpKeys(result)).toEqual(vrpKeys(built.expected));
  });

  it('a manifest listing two CRLs rejects the publication point: mft.crl.multiple (RFC 9286 §6.4)', async () => {
    const objects = new Map(built.objects);
    await republish(objects, m1, { 'second.crl': await makeCrl({ ...m1.crl, crlNumber: 2n, revoked: [] }, issuer(m1)) });
    const { result, report } = await walk(objects);
    expect(report(m1.mftUri)).toEqual({ status: 'invalid', findings: [{ code: 'mft.crl.multiple', severity: 'error', params: { count: 2 } }] });
    expect(report(roaOf(m1)).status).toBe('skipped');
    expect(report(roaOf(m1)).findings.map((f) => [f.code, f.params.cause])).toEqual([['walk.publication-point.rejected', 'mft.crl.multiple']]);
    // m1's VRPs are gone, m2's kept.
    expect([...new Set(result.vrps.map((v) => v.roa))]).toEqual([roaOf(plan.cas[3])]);
  });

  it('a CA certificate with the key of an ancestor is not followed: walk.ca.loop (RFC 6487 §7.2)', async () => {
    const objects = new Map(built.objects);
    // m1 certifies rir1's key again, its SIA pointing back at rir1's publication point: a cycle rir1 → m1 → rir1.
    const sia = { caRepository: rir1.dir, rpkiManifest: rir1.mftUri };
    await republish(objects, m1, { 'loop.cer': await issue(m1, { kind: 'ca', subject: rir1.name, key: rir1.key, resources: m1.cert.resources, sia }) });
    const { result, report } = await walk(objects);
    expect(report(m1.dir + 'loop.cer')).toEqual({
      status: 'invalid',
      findings: [{ code: 'walk.ca.loop', severity: 'error', params: { ski: hex(rir1.key.ski), holder: rir1.certUri } }],
    });
    // rir1's publication point is processed once, and the rest of the tree is intact.
    expect(result.reports.filter((r) => r.uri === rir1.mftUri).map((r) => r.status)).toEqual(['valid']);
    expect(vrpKeys(result)).toEqual(vrpKeys(built.expected));
  });

  it('a CA 33 certificates below the trust anchor is not followed: walk.ca.too-deep', async () => {
    const objects = new Map(built.objects);
    // The TA's path has length 1, m1's 3: 30 more CAs below m1 make the last one's 33, one over the limit of 32.
    const chain: Pp[] = [m1];
    for (let i = 1; i <= 30; i++) chain.push(await addCa(objects, chain[chain.length - 1], `deep${i}`));
    const { result, report } = await walk(objects);
    const [last, secondLast] = [chain[30], chain[29]];
    expect(report(secondLast.certUri).status).toBe('valid');
    expect(report(secondLast.mftUri).status).toBe('valid');
    expect(report(last.certUri)).toEqual({ status: 'invalid', findings: [{ code: 'walk.ca.too-deep', severity: 'error', params: { depth: 33, limit: 32 } }] });
    // Its publication point is never processed: its manifest is reported as unreached.
    expect(report(last.mftUri).status).toBe('unreached');
    expect(vrpKeys(result)).toEqual(vrpKeys(built.expected));
  });

  it('an EE or self-signed certificate published as a .cer file is rejected: walk.cert.unexpected-kind (RFC 6487 §4)', async () => {
    const objects = new Map(built.objects);
    const inherit = { ip: { ipv4: 'inherit', ipv6: 'inherit' }, as: { asnum: 'inherit' } } as const;
    const ee = await issue(m1, { kind: 'ee', subject: 'stray-ee', key: ring.rsa(), resources: inherit, sia: { signedObject: `${m1.dir}stray-ee.cer` } });
    const key = ring.rsa();
    const self: Pp = { ...m1, name: 'stray-ta', key };
    const ta = await makeCertificate(
      { kind: 'ta', serial: 1n, subject: 'stray-ta', notBefore: m1.cert.notBefore, notAfter: m1.cert.notAfter, key, resources: m1.cert.resources, sia: { caRepository: m1.dir, rpkiManifest: m1.mftUri } },
      issuer(self),
    );
    await republish(objects, m1, { 'stray-ee.cer': ee, 'stray-ta.cer': ta });
    const { result, report } = await walk(objects);
    for (const [file, kind] of [['stray-ee.cer', 'ee'], ['stray-ta.cer', 'ta']]) {
      expect(report(m1.dir + file)).toEqual({ status: 'invalid', findings: [{ code: 'walk.cert.unexpected-kind', severity: 'error', params: { kind } }] });
    }
    // Only those two are rejected: the manifest and the ROA beside them stand.
    expect(report(m1.mftUri).status).toBe('valid');
    expect(vrpKeys(result)).toEqual(vrpKeys(built.expected));
  });

  it('a router certificate for more than 65,536 AS numbers yields no keys: walk.router.too-many-asns (RFC 8209 §3.1.3.5)', async () => {
    const objects = new Map(built.objects);
    const min = m1.held.asns.min;
    const router = (count: number) =>
      issue(m1, { kind: 'router', subject: routerSubject(min), key: ring.ec(), resources: { as: { asnum: [{ min, max: min + count - 1 }] } } });
    await republish(objects, m1, { 'ROUTER-max.cer': await router(65536), 'ROUTER-over.cer': await router(65537) });
    const { result, report } = await walk(objects);
    expect(report(`${m1.dir}ROUTER-over.cer`)).toEqual({
      status: 'invalid',
      findings: [{ code: 'walk.router.too-many-asns', severity: 'error', params: { count: 65537, limit: 65536 } }],
    });
    // At the limit the certificate is expanded: one key per AS number, all from the other certificate.
    expect(report(`${m1.dir}ROUTER-max.cer`).status).toBe('valid');
    expect(result.routerKeys.length).toBe(65536);
    expect(new Set(result.routerKeys.map((k) => k.uri))).toEqual(new Set([`${m1.dir}ROUTER-max.cer`]));
  });

  it('a listed file of a type the walk does not validate is reported, not rejected: walk.object.not-validated', async () => {
    const objects = new Map(built.objects);
    // An RSC (RFC 9323) signed under another CA altogether: the walk checks its presence and hash, nothing more.
    await republish(objects, m1, { 'checklist.sig': fixture('real/openbsd-rpki-client-regress/rsc/checklist.sig') });
    const { result, report } = await walk(objects);
    expect(report(`${m1.dir}checklist.sig`)).toEqual({ status: 'skipped', findings: [{ code: 'walk.object.not-validated', severity: 'info', params: { type: 'sig' } }] });
    expect(report(m1.mftUri).status).toBe('valid');
    expect(vrpKeys(result)).toEqual(vrpKeys(built.expected));
  });
});
