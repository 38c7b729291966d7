/**
 * The BBN conformance suite walked from its TALs (shared/fixtures/real/ripe-ncc-rpki-commons/conformance). Its
 * README's rule, checked object by object: a file named bad* must be rejected, a file named good* accepted. Where
 * we differ from that 2011 rule, the table below says why and cites the text that governs now; rpki-client 8.2 takes
 * the same side on every entry (its log is in expected-rpki-client-8.2/).
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectorySource } from '../../cli/fs-source.ts';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { FIXTURES, fixtureTal } from '../../testing/fixtures.ts';
import type { ValidationResult } from './types.ts';
import { validate } from './walk.ts';

const DIR = `${FIXTURES}/real/ripe-ncc-rpki-commons/conformance`;
const BASE = 'rsync://rpki.bbn.com/conformance/';
const AT = Date.parse('2025-01-01T00:00:00Z') / 1000;

async function walk(talName: string): Promise<ValidationResult> {
  const tal = fixtureTal(`real/ripe-ncc-rpki-commons/conformance/tals-from-rpstir/${talName}.tal`, talName);
  return validate([tal], new DirectorySource(DIR, [], BASE), { time: AT, crypto: nodeCrypto() });
}

const name = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

/** bad* objects we accept, and why. */
const BAD_ACCEPTED: Record<string, string> = {
  // RFC 6487 §4.5 asks for PrintableString, but AFRINIC issues UTF8String names and rpki-client accepts them: a warning.
  'badCertSubjectUtf.cer': 'x509.subject.common-name.utf8',
};

/** good* objects we reject, by the finding that rejects them, and why. */
const GOOD_REJECTED: Record<string, RegExp> = {
  // RFC 9582 §5: the AS resources extension "MUST NOT be present" in a ROA's EE certificate. The 2011 suite put
  // one in every ROA EE certificate; rpki-client 8.2 rejects them all ("superfluous AS Resources extension").
  'roa.ee.as-resources.present': /^good(ROA|EE).*\.roa$/,
  // The suite signs many test CAs with one key. Two CAs with one key identifier make issuer lookup ambiguous;
  // the first visited is kept (rpki-client: "RFC 6487: duplicate SKI").
  'walk.ca.duplicate-ski': /^goodCert.*\.cer$/,
  // RFC 6487 §4.8.6: the CRL Distribution Points extension holds exactly one DistributionPoint (rpki-client,
  // rpki-rs and FORT agree).
  'cert.crldp.count': /^goodCertCRLDP2DistPt\.cer$/,
};

let root: ValidationResult;
beforeAll(async () => {
  root = await walk('root');
});

describe('BBN conformance suite', () => {
  it('yields no VRPs (every ROA EE certificate carries AS resources), like rpki-client 8.2', () => {
    expect(root.vrps).toEqual([]);
  });

  it('rejects every bad* object the walk reaches, except the documented one', () => {
    const accepted = root.reports.filter((r) => name(r.uri).startsWith('bad') && r.status === 'valid');
    expect(accepted.map((r) => name(r.uri)).sort()).toEqual(Object.keys(BAD_ACCEPTED).sort());
    for (const r of accepted) expect(r.findings.map((f) => f.code)).toContain(BAD_ACCEPTED[name(r.uri)]);
    const reachedBad = root.reports.filter((r) => name(r.uri).startsWith('bad') && r.status !== 'unreached');
    expect(reachedBad.length).toBeGreaterThan(250);
  });

  it('accepts every good* object the walk reaches, except where a newer rule or the suite itself says no', () => {
    const good = root.reports.filter((r) => name(r.uri).startsWith('good') && r.uri.startsWith(`${BASE}root/`));
    expect(good.length).toBeGreaterThan(60);
    for (const r of good) {
      if (r.status === 'valid') continue;
      const n = name(r.uri);
      if (n === 'goodRealGbrNothingIsWrong.gbr') {
        // Added by RIPE NCC in 2016 and not on root.mft (SOURCES.md): never reached.
        expect(r.status).toBe('unreached');
        continue;
      }
      const codes = r.findings.filter((f) => f.severity === 'error').map((f) => f.code);
      const reason = Object.entries(GOOD_REJECTED).find(([code, files]) => codes.includes(code as never) && files.test(n));
      expect(reason, `${n} rejected for ${codes.join(', ')}`).toBeDefined();
    }
  });

  it('validates the alternative roots by their names: good ones as trust anchors, bad ones not', async () => {
    const tals = readdirSync(`${DIR}/tals-from-rpstir`).map((f) => f.replace(/\.tal$/, '')).filter((t) => t !== 'root');
    for (const tal of tals) {
      const r = await walk(tal);
      const ta = r.reports.find((x) => x.issuer === undefined && x.status !== 'unreached')!;
      expect(ta.status, tal).toBe(tal.startsWith('good') ? 'valid' : 'invalid');
    }
  });
});
