/**
 * End to end on the generated repositories of shared/fixtures/forge: our VRPs equal rpki-client 8.2's exactly, and
 * every deliberate defect is reported on the object it hit, with a fitting code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../testing/fixtures.ts';
import { csvVrpLines, validateTree, vrpLines } from '../../testing/validate-tree.ts';

const AT = '2026-11-24T00:00:00Z';
const forge = (name: string) => `${FIXTURES}/forge/${name}`;

interface Mutation {
  mutation: string;
  uri: string;
  expectedEffect: 'roa-rejected' | 'ca-rejected' | 'all-rejected' | 'none';
}

/** The code each defect must produce on the object at the mutation's URI. */
const EXPECTED_CODE: Record<string, string> = {
  'bad-signature': 'cms.signature.invalid',
  'expired-ee': 'cert.validity.expired',
  'revoked-ee': 'cert.revoked',
  // FORT 1.5.4 keeps the entries listed before the uncovered prefix; rpki-client rejects the whole ROA, as RFC 9582
  // §5 requires ("each IP address prefix ... is contained within the set of IP addresses" of the EE certificate).
  'overclaim-roa': 'roa.prefix.outside-ee',
  'overclaim-ee': 'cert.resources.overclaim',
  'bad-maxlength': 'roa.max-length.below-prefix',
  'wrong-econtent-type': 'cms.e-content-type.unexpected',
  'duplicate-roa-entries': 'roa.prefix.duplicate',
  'expired-ca': 'cert.validity.expired',
  'overclaim-ca': 'cert.resources.overclaim',
  'mft-hash-mismatch': 'walk.object.hash-mismatch',
  'mft-missing-file': 'walk.object.missing',
  'missing-crl': 'walk.object.missing',
  'stale-mft': 'mft.stale',
  'stale-crl': 'crl.stale',
  'inherit-in-ta': 'cert.ta.inherit',
};

async function check(dir: string): Promise<void> {
  const result = await validateTree(`${dir}/repo`, `${dir}/ta.tal`, AT);
  expect(vrpLines(result)).toEqual(csvVrpLines(`${dir}/expected-vrps.csv`));
  const mutations = JSON.parse(readFileSync(`${dir}/mutations.json`, 'utf8')) as Mutation[];
  for (const m of mutations) {
    const report = result.reports.find((r) => r.uri === m.uri);
    expect(report, `${m.mutation}: a report for ${m.uri}`).toBeDefined();
    expect(report!.findings.map((f) => f.code), m.mutation).toContain(EXPECTED_CODE[m.mutation]);
    expect(report!.status, m.mutation).toBe(m.expectedEffect === 'none' ? 'valid' : 'invalid');
  }
}

describe('forge repositories', () => {
  it('small: 22 VRPs, no findings', async () => {
    const result = await validateTree(`${forge('small')}/repo`, `${forge('small')}/ta.tal`, AT);
    expect(vrpLines(result)).toEqual(csvVrpLines(`${forge('small')}/expected-vrps.csv`));
    expect(result.reports.filter((r) => r.status !== 'valid')).toEqual([]);
  });

  it('medium: 5,540 VRPs and the 20 ASPAs', async () => {
    const dir = forge('medium');
    const result = await validateTree(`${dir}/repo`, `${dir}/ta.tal`, AT);
    expect(vrpLines(result)).toHaveLength(5540);
    expect(vrpLines(result)).toEqual(csvVrpLines(`${dir}/expected-vrps.csv`));
    const aspas = result.aspas.map((a) => `${a.customer},${a.providers.join(' ')}`).sort();
    const expected = readFileSync(`${dir}/expected-aspa.csv`, 'utf8').trim().split('\n').slice(1).sort();
    expect(aspas).toEqual(expected);
  });

  it('medium-defects: 15 defects at once, each on its object', () => check(forge('medium-defects')));

  const names = Object.keys(EXPECTED_CODE);
  it.each(names)('mutation %s', (name) => check(forge(`mutations/${name}`)));
});
