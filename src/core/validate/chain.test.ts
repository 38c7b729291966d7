/**
 * A single file verified against a validated snapshot: the walk's own verdicts and bytes serve as the snapshot,
 * and each file is checked through its chain as the inspector checks a dropped file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { webCrypto } from '../crypto/webcrypto.ts';
import { buildRepository, type BuiltRepository } from '../builder/repository.ts';
import { WEAK_KEY_POOL } from '../builder/weak-key-pool.ts';
import { decodeObject } from '../objects/object.ts';
import type { Roa } from '../objects/roa.ts';
import { verifyInSnapshot, type ChainResult, type SnapshotLookup } from './chain.ts';
import type { VerifyContext } from './issuer.ts';
import { MapSource } from './source.ts';
import type { ObjectReport, ValidationResult } from './types.ts';
import { validate } from './walk.ts';

const BUILT = Date.parse('2026-01-01T00:00:00Z') / 1000;
const ctx: VerifyContext = { time: BUILT + 86400, crypto: webCrypto() };

let repo: BuiltRepository;
let walked: ValidationResult;

beforeAll(async () => {
  repo = await buildRepository({ seed: 'chain', intermediates: 1, members: 2, roas: 2, aspas: 1 }, { time: BUILT, keys: WEAK_KEY_POOL });
  walked = await validate([repo.tal], new MapSource(repo.objects), ctx);
});

/** The snapshot as the inspector sees it, with `change` applied to its stored bytes. */
function lookup(change: (objects: Map<string, Uint8Array>) => void = () => {}): SnapshotLookup {
  const objects = new Map(repo.objects);
  change(objects);
  const reports = new Map(walked.reports.map((r) => [r.uri, r]));
  return {
    get: async (uri) => {
      const report = reports.get(uri);
      return report && { bytes: objects.get(uri), report };
    },
    certsWithSki: async (ski) => walked.reports.filter((r) => r.ski === ski && r.type === 'cer' && r.status === 'valid').map((r) => r.uri),
  };
}

function uriOf(suffix: string): string {
  const uri = [...repo.objects.keys()].find((u) => u.endsWith(suffix));
  if (!uri) throw new Error(`no ${suffix} in the built repository`);
  return uri;
}

function check(name: string, bytes: Uint8Array, snapshot = lookup()): Promise<ChainResult> {
  return verifyInSnapshot(name, bytes, decodeObject(name, bytes), snapshot, ctx);
}

const codes = (r: ObjectReport) => r.findings.map((f) => f.code);
const flipped = (b: Uint8Array, at: number) => b.map((x, i) => (i === at ? x ^ 1 : x));

describe('verifying one file against a snapshot', () => {
  it('verifies a ROA through its chain and gives the VRPs it would add', async () => {
    const uri = uriOf('.roa');
    const r = await check('dropped.roa', repo.objects.get(uri)!);
    expect(r.report.status).toBe('valid');
    expect(codes(r.report)).toEqual(['chain.unlisted']);
    const stored = walked.reports.find((x) => x.uri === uri)!;
    expect(r.report).toMatchObject({ ta: 'ta', issuer: stored.issuer });
    // TA, its CRL, the intermediate, its CRL, the member, its CRL: each verified again.
    expect(r.links.map((l) => [l.type, l.status])).toEqual([
      ['cer', 'valid'], ['crl', 'valid'], ['cer', 'valid'], ['crl', 'valid'], ['cer', 'valid'], ['crl', 'valid'],
    ]);
    expect(r.links[4].uri).toBe(stored.issuer);
    const want = walked.vrps.filter((v) => v.roa === uri).map(({ asn, prefix, maxLength }) => ({ asn, prefix, maxLength }));
    expect(want.length).toBeGreaterThan(0);
    expect(r.payloads.vrps.map(({ asn, prefix, maxLength }) => ({ asn, prefix, maxLength }))).toEqual(want);
  });

  it('rejects a ROA whose content was changed after signing, naming the digest', async () => {
    const bytes = repo.objects.get(uriOf('.roa'))!;
    const roa = decodeObject('x.roa', bytes).value as Roa;
    const eContent = roa.signedObject.eContent;
    const at = eContent.byteOffset - bytes.byteOffset + eContent.length - 1;
    const r = await check('changed.roa', flipped(bytes, at));
    expect(r.report.status).toBe('invalid');
    expect(codes(r.report)).toContain('cms.message-digest.mismatch');
    expect(r.payloads.vrps).toEqual([]);
  });

  it('verifies the ASPA, a CA certificate, a CRL and a manifest of the tree', async () => {
    for (const suffix of ['.asa', '.crl', '.mft']) {
      const uri = uriOf(suffix);
      const r = await check(uri.slice(uri.lastIndexOf('/') + 1), repo.objects.get(uri)!);
      expect([suffix, r.report.status, codes(r.report)]).toEqual([suffix, 'valid', ['chain.unlisted']]);
    }
    const ca = walked.reports.find((x) => x.type === 'cer' && x.issuer && x.status === 'valid')!;
    const r = await check('child.cer', repo.objects.get(ca.uri)!);
    expect([r.report.status, r.report.issuer]).toEqual(['valid', ca.issuer]);
  });

  it('rejects a CRL whose signature was damaged, naming the CA whose key it fails', async () => {
    const uri = uriOf('.crl');
    const bytes = repo.objects.get(uri)!;
    const r = await check('damaged.crl', flipped(bytes, bytes.length - 1));
    expect(r.report.status).toBe('invalid');
    expect(r.report.findings.map((f) => [f.code, f.params.issuer])).toEqual([['crl.signature.invalid', walked.reports.find((x) => x.uri === uri)!.issuer]]);
  });

  it('verifies the trust anchor certificate against the snapshot\'s own', async () => {
    const ta = walked.reports.find((x) => x.type === 'cer' && !x.issuer)!;
    const r = await check('ta.cer', repo.objects.get(ta.uri)!);
    expect([r.report.status, codes(r.report)]).toEqual(['valid', []]);
  });

  it('says so when the snapshot holds no issuer for the file', async () => {
    const r = await check('lone.roa', repo.objects.get(uriOf('.roa'))!, { get: async () => undefined, certsWithSki: async () => [] });
    expect(r.report.status).toBe('unreached');
    expect(codes(r.report)).toEqual(['chain.issuer.missing']);
    expect(r.report.findings[0].params.aki).toMatch(/^[0-9a-f]{40}$/);
  });

  it('does not accept a file when its issuer\'s CRL is gone', async () => {
    const uri = uriOf('.roa');
    const crl = [...repo.objects.keys()].find((u) => u.endsWith('.crl') && u.startsWith(uri.slice(0, uri.lastIndexOf('/') + 1)))!;
    const r = await check('dropped.roa', repo.objects.get(uri)!, lookup((o) => o.delete(crl)));
    expect(r.report.status).toBe('unreached');
    expect(codes(r.report)).toEqual(['chain.crl.missing']);
    expect(r.report.findings[0].params.uri).toBe(crl);
  });

  it('finds the break when a certificate of the chain no longer verifies', async () => {
    const uri = uriOf('.roa');
    const issuer = walked.reports.find((x) => x.uri === uri)!.issuer!;
    const cert = repo.objects.get(issuer)!;
    const r = await check('dropped.roa', repo.objects.get(uri)!, lookup((o) => o.set(issuer, flipped(cert, cert.length - 1))));
    expect(r.report.status).toBe('unreached');
    expect(r.report.findings.map((f) => [f.code, f.params.uri, f.params.cause])).toEqual([['chain.link.invalid', issuer, 'cert.signature.invalid']]);
  });
});
