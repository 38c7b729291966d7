/**
 * The export counts on hand-made reports: each rule of rpki-client's bookkeeping on its own. The peer test checks
 * the same counts against rpki-client 8.2 on whole trees.
 */
import { describe, expect, it } from 'vitest';
import { makeFinding } from '../report/finding.ts';
import type { FindingCode } from '../report/catalog.ts';
import type { ObjectReport, ObjectStatus, ObjectType } from '../validate/types.ts';
import { exportData, ReportCounts } from './payloads.ts';

function report(uri: string, status: ObjectStatus, codes: FindingCode[] = [], manifest?: string): ObjectReport {
  const type = uri.slice(uri.lastIndexOf('.') + 1) as ObjectType;
  return { uri, type, status, findings: codes.map((c) => makeFinding(c)), ...(manifest ? { manifest } : {}) };
}

const A = 'rsync://a.example/repo/ca1/1.mft';
const B = 'rsync://a.example/repo/ca2/2.mft';
const C = 'rsync://b.example/other/ca3/3.mft';

const reports: ObjectReport[] = [
  report(A, 'valid'),
  report(B, 'invalid', ['mft.stale']),
  report(C, 'invalid', ['mft.file.missing']),
  report('rsync://c.example/never/ca4/4.mft', 'unreached'),
  report('rsync://a.example/repo/ca1/1.crl', 'valid', [], A),
  report('rsync://a.example/repo/ca2/2.crl', 'valid', [], B),
  report('rsync://a.example/repo/ca1/ok.roa', 'valid', [], A),
  report('rsync://a.example/repo/ca1/outside.roa', 'invalid', ['roa.prefix.outside-ee'], A),
  report('rsync://a.example/repo/ca1/badsig.roa', 'invalid', ['cms.signature.invalid'], A),
  report('rsync://a.example/repo/ca1/child.cer', 'invalid', ['cert.resources.overclaim'], A),
  report('rsync://a.example/repo/ca1/ok.cer', 'valid', [], A),
  report('rsync://b.example/other/ca3/changed.roa', 'invalid', ['walk.object.hash-mismatch', 'walk.publication-point.rejected'], C),
  report('rsync://b.example/other/ca3/other.roa', 'skipped', ['walk.publication-point.rejected'], C),
];

describe('ReportCounts', () => {
  const stats = exportData({ time: 0, reports, vrps: [], aspas: [], routerKeys: [] }, ['one', 'two']).stats;

  it('counts the objects processed, failed before the resource check, and invalid by it', () => {
    expect(stats).toMatchObject({ roas: 3, failedroas: 1, invalidroas: 1, certificates: 2, invalidcertificates: 1 });
  });

  it('counts manifests processed, stale apart from failed, and CRLs only under a valid manifest', () => {
    expect(stats).toMatchObject({ manifests: 3, failedmanifests: 1, stalemanifests: 1, crls: 1 });
  });

  it('counts one repository per TAL and one per rsync module reached', () => {
    expect(stats).toMatchObject({ repositories: 2 + 2, tals: 2, invalidtals: 0 });
  });

  it('gives the same counts whether the reports come at once or in parts', () => {
    const parts = new ReportCounts();
    for (let i = 0; i < reports.length; i += 4) parts.add(reports.slice(i, i + 4));
    expect(exportData({ time: 0, reports: [], vrps: [], aspas: [], routerKeys: [] }, ['one', 'two'], parts).stats).toEqual(stats);
  });
});
