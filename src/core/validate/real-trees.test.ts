/**
 * The complete real trees of shared/fixtures/real give rpki-client 8.2's VRPs at their pinned times: the RIPE NCC
 * pilot repository and two states of the Krill testbed (SOURCES.md there; FORT 1.5.4 agrees on all three).
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../testing/fixtures.ts';
import { csvVrpLines, validateTree, vrpLines } from '../../testing/validate-tree.ts';

const real = (p: string) => `${FIXTURES}/real/${p}`;

describe('real repositories', () => {
  it('RIPE NCC pilot at 2023-08-04T12Z: 782 VRPs; the one child publishing elsewhere is reported', async () => {
    const r = await validateTree(real('ripe-ncc-pilot-rrdp/tree'), real('ripe-ncc-pilot-rrdp/ripe-pilot.tal'), '2023-08-04T12:00:00Z');
    expect(vrpLines(r)).toEqual(csvVrpLines(real('ripe-ncc-pilot-rrdp/expected/vrps-rpki-client-8.2-at-2023-08-04T12Z.csv')));
    expect(vrpLines(r)).toHaveLength(782);
    const missing = r.reports.filter((x) => x.findings.some((f) => f.code === 'walk.manifest.missing'));
    expect(missing.map((x) => x.uri)).toEqual([expect.stringMatching(/^rsync:\/\/rsync\.rpki\.blade\.sh\/repo\/Blade\/0\/.*\.mft$/)]);
    expect(r.reports.filter((x) => x.status === 'invalid').length).toBe(1);
  });

  it('the pilot is empty before the aca CRL is valid and after everything went stale', async () => {
    for (const at of ['2023-08-04T06:00:00Z', '2023-08-05T12:00:00Z']) {
      const r = await validateTree(real('ripe-ncc-pilot-rrdp/tree'), real('ripe-ncc-pilot-rrdp/ripe-pilot.tal'), at);
      expect(vrpLines(r), at).toEqual([]);
    }
  });

  it('Krill testbed 2023-03-19: 53 VRPs, the 17 stale publication points rejected for stale CRLs and manifests', async () => {
    const r = await validateTree(real('nlnetlabs-krill-testbed/tree-2023-03-19'), real('nlnetlabs-krill-testbed/krill-testbed-2022.tal'), '2023-03-19T16:00:00Z');
    expect(vrpLines(r)).toEqual(csvVrpLines(real('nlnetlabs-krill-testbed/expected/vrps-rpki-client-8.2-tree-2023-03-19-at-2023-03-19T16Z.csv')));
    expect(vrpLines(r)).toHaveLength(53);
    const codes = r.reports.flatMap((x) => x.findings.map((f) => f.code));
    expect(codes.filter((c) => c === 'mft.stale')).toHaveLength(17);
    expect(codes.filter((c) => c === 'crl.stale')).toHaveLength(17);
    // The ASPA of local-testbed-child uses the obsolete profile (SOURCES.md): recognised, not accepted.
    expect(codes).toContain('aspa.profile.obsolete');
  });

  it('Krill testbed 2022-06-02: 9 VRPs', async () => {
    const r = await validateTree(real('nlnetlabs-krill-testbed/tree-2022-06-02'), real('nlnetlabs-krill-testbed/krill-testbed-2022.tal'), '2022-06-02T10:00:00Z');
    expect(vrpLines(r)).toEqual(csvVrpLines(real('nlnetlabs-krill-testbed/expected/vrps-rpki-client-8.2-tree-2022-06-02-at-2022-06-02T10Z.csv')));
    expect(vrpLines(r)).toHaveLength(9);
  });
});
