import { describe, expect, it } from 'vitest';
import { fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { decodeObject, detectType, type ObjectType } from './object.ts';

const REAL = 'real';

/**
 * Signed objects under fixtures/real that must not come out clean, and why (SOURCES.md says what each is). The
 * BBN conformance suite has its own test (bbn-conformance.test.ts).
 */
const EXPECTED_FAILURES: Record<string, string> = {
  'nlnetlabs-rpki-rs/repository/maxlen-overflow.roa': 'maxLength 124 for an IPv4 prefix (rpki-rs: must fail to decode)',
  'nlnetlabs-rpki-rs/repository/maxlen-underflow.roa': 'maxLength 2 below the prefix length 24 (rpki-rs: must fail to decode)',
  'nlnetlabs-rpki-rs/repository/prefix-len-overflow.roa': 'a 124-bit IPv4 address (rpki-rs: must fail to decode)',
  'nlnetlabs-rpki-rs/repository/signature-alg-mismatch.mft': 'EE certificate with different signature algorithm encodings (rpki-rs: must fail strict inspection)',
  'nlnetlabs-rpki-rs/repository/ta.mft.bad-filename': 'a non-ASCII manifest file name (rpki-rs: must fail to decode)',
  'nlnetlabs-rpki-rs/repository/aspa-bm.asa': 'ASPA in the pre-profile-15 encoding',
  'nlnetlabs-krill-testbed/tree-2023-03-19/testbed.krill.cloud/repo/local-testbed-child/0/AS211321.asa': 'ASPA in the pre-profile-15 encoding (Krill, 2023)',
  'openbsd-rpki-client-regress/aspa/2338bd30cba1ff30fe3cf930824f39b45569d458de356729cb0121400ee3616a.asa': 'pre-profile-15 ASPA, removed from the regress suite in 2023',
  'openbsd-rpki-client-regress/aspa/5c67c85c9fbdf4daea0034480c2c3da10ef241738cb4f5a16e6cf60ec812713d.asa': 'pre-profile-15 ASPA, removed from the regress suite in 2023',
  'openbsd-rpki-client-regress/aspa/63bbc4571294a06f5e7533166179bafcb0252e0484708e6d45924e1e479c8636.asa': 'pre-profile-15 ASPA, removed from the regress suite in 2023',
  'openbsd-rpki-client-regress/aspa/c27f17d94c8a2f9e4c6d07e69f58c33c48c28c77ff602040e02bb19f6ffd3dfd.asa': 'pre-profile-15 ASPA, removed from the regress suite in 2023',
  'openbsd-rpki-client-regress/aspa/d6915eb78c75cab0bc46b48568232ec971819eab2b0009060c463f636bd7c204.asa': 'pre-profile-15 ASPA, removed from the regress suite in 2023',
  'openbsd-rpki-client-regress/aspa/AS945.asa': 'self-issued EE certificate (removed from the regress suite in 2025 for it)',
  'openbsd-rpki-client-regress/gbr/LMrbiOIR4bDInnBEXLsY5MZ1q1U.gbr': 'vCard with an N property outside the RFC 6493 profile (replaced in 2020 for it)',
  'openbsd-rpki-client-regress/rsc/98e8734fa1c9d72cec864aff45a39863a896ed6c00d2508a707b43c720558632.sig': 'pre-RFC 9323 checklist, dropped in 2022',
  'openbsd-rpki-client-regress/rsc/apnic-demo.sig': 'pre-RFC 9323 checklist, dropped in 2022',
  'openbsd-rpki-client-regress/rsc/checklist.sig': 'pre-RFC 9323 checklist, dropped in 2022',
  'ripe-ncc-rpki-commons/interop/aspa/BAD-profile-13-AS211321-profile-13.asa': 'old ASPA profile (rpki-commons: BAD)',
  'ripe-ncc-rpki-commons/interop/aspa/BAD-profile-13-no-signingtime-aspa-rpkimancer.asa': 'old ASPA profile (rpki-commons: BAD)',
  'ripe-ncc-rpki-commons/interop/aspa/BAD-profile-15-APNIC-rpki-aspa-demo-AS1000.asa': 'version absent (rpki-commons: BAD)',
  'ripe-ncc-rpki-commons/interop/aspa/BAD-profile-15-rpki-commons-propertytest-sample-implicit-tag.asa': 'version tagged IMPLICIT (rpki-commons: BAD)',
  'ripe-ncc-rpki-commons/interop/aspa/GOOD-profile-15-rpki-commons-propertytest-sample.asa':
    'a generated object: its eContent is good, but its EE certificate is self-signed and has no CRL distribution point',
  'ripe-ncc-rpki-commons/interop/misc-objects/6C76EDB2225D11E286C4BD8F7A2F2747.roa': 'carries the smimeCapabilities signed attribute, which RFC 6488 §2.1.6.4 forbids',
  'ripe-ncc-rpki-monitoring/rsync_data/repository/corrupted_5GzpWH5N-vMm_nh7A93VwzaW4zk.gbr': 'base64 text instead of DER',
  'ripe-ncc-rpki-ta-0/ta-legacy.xml-objects/19-mft1.mft': 'RIPE pilot 2013: EE certificate without SIA (RFC 6487 §4.8.8.2)',
  'ripe-ncc-rpki-ta-0/ta-legacy.xml-objects/20-mft2.mft': 'RIPE pilot 2013: EE certificate without SIA (RFC 6487 §4.8.8.2)',
  'ripe-ncc-rpki-ta-0/ta-legacy.xml-objects/21-mft3.mft': 'RIPE pilot 2013: EE certificate without SIA (RFC 6487 §4.8.8.2)',
  'ripe-ncc-rpki-ta-0/ta-legacy.xml-objects/22-mft4.mft': 'RIPE pilot 2013: EE certificate without SIA (RFC 6487 §4.8.8.2)',
  'ripe-ncc-rpki-ta-0/ta-legacy.xml-objects/23-mft5.mft': 'RIPE pilot 2013: EE certificate without SIA (RFC 6487 §4.8.8.2)',
  'rpki-prover/VZgMGXDlMc_DQX3QkQKbaQ0K8vM.gbr': 'vCard with an N property outside the RFC 6493 profile',
  'rpki-prover/aspa.1.asa': 'ASPA in the pre-profile-15 encoding',
  'ties-rpki-rrdp-tools-py/AS203635.asa': 'a 32-byte SHA-256 prefix before the DER',
  'ties-rpki-rrdp-tools-py/NKcuY5DvQmG0vwsI6MT4nqcBcoI.gbr': 'RIPE NCC vCard 3.0 with N, outside the RFC 6493 profile',
};

const SIGNED = /\.(roa|mft|asa|gbr|tak|sig|spl)$|\.mft\.bad-filename$/;

describe('decodeObject over every signed object in fixtures/real', () => {
  const files = fixtureFiles(REAL, (f) => SIGNED.test(f));

  it('never throws, never hits a bug, and fails exactly the expected objects', () => {
    expect(files.length).toBeGreaterThan(6000);
    const failed: string[] = [];
    for (const path of files) {
      const rel = path.slice(REAL.length + 1);
      const r = decodeObject(rel, fixture(path));
      expect(r.findings.filter((f) => f.code === 'internal.bug'), rel).toEqual([]);
      if (rel.startsWith('ripe-ncc-rpki-commons/conformance/')) continue;
      if (!r.ok) failed.push(rel);
      else expect(r.value, rel).toBeDefined();
    }
    expect(failed.sort()).toEqual(Object.keys(EXPECTED_FAILURES).sort());
  });
});

describe('detectType', () => {
  const samples: [string, ObjectType][] = [
    ['real/openbsd-rpki-client-regress/roa/Hf1ZR31W9DN5QSF6xJEO5qgH4ac.roa', 'roa'],
    ['real/openbsd-rpki-client-regress/mft/ripe-ncc-ta.mft', 'mft'],
    ['real/rpki-prover/AS204325.asa', 'asa'],
    ['real/openbsd-rpki-client-regress/gbr/jkpjwLmZhnrotSqF7o9qqEzSOXs.gbr', 'gbr'],
    ['real/openbsd-rpki-client-regress/tak/42AE70A64DA711EDB37796549E174E93.tak', 'tak'],
    ['real/openbsd-rpki-client-regress/rsc/rsc-deployment-test-3.sig', 'sig'],
    ['real/openbsd-rpki-client-regress/spl/9X0AhXWTJDl8lJhfOwvnac-42CA.spl', 'spl'],
    ['real/openbsd-rpki-client-regress/cer/2a7dd1d787d793e4c8af56e197d4eed92af6ba13.cer', 'cer'],
    ['real/nlnetlabs-rpki-rs/repository/ta.crl', 'crl'],
    ['real/tals-routinator/ripe.tal', 'tal'],
  ];

  it.each(samples)('knows %s by its extension', (path, type) => {
    expect(detectType(path.toUpperCase(), new Uint8Array(0))).toBe(type);
  });

  it.each(samples)('knows %s by its content', (path, type) => {
    expect(detectType('download.bin', fixture(path))).toBe(type);
  });

  it('recognises a BER signed object, a v1-less CRL and nothing in garbage', () => {
    expect(detectType('x', fixture('real/nlnetlabs-rpki-rs/repository/ta.mft'))).toBe('mft');
    expect(detectType('x', fixture('real/ripe-ncc-rpki-commons/conformance/root/CRLNoVersion/badCRLNoVersion.crl'))).toBe('crl');
    expect(detectType('x', Uint8Array.of(1, 2, 3))).toBe('unknown');
    expect(detectType('x', new TextEncoder().encode('hello\nworld\n'))).toBe('unknown');
    // the CCR sample is a ContentInfo, but not SignedData
    expect(detectType('x', fixture('real/ripe-ncc-rpki-commons/ccr/draft-ietf-sidrops-rpki-ccr.ccr'))).toBe('unknown');
  });
});

describe('decodeObject', () => {
  it('decodes and inspects by detected type, keeping the value when later checks fail', () => {
    const roa = decodeObject('Hf1ZR31W9DN5QSF6xJEO5qgH4ac', fixture('real/openbsd-rpki-client-regress/roa/Hf1ZR31W9DN5QSF6xJEO5qgH4ac.roa'));
    expect(roa.type).toBe('roa');
    expect(roa.ok).toBe(true);
    expect(roa.type === 'roa' && roa.value?.asId).toBe(3130);
    const bbn = decodeObject('goodROANothingWrong.roa', fixture('real/ripe-ncc-rpki-commons/conformance/root/goodROANothingWrong.roa'));
    expect(bbn.ok).toBe(false);
    expect(bbn.type === 'roa' && bbn.value?.asId).toBe(8); // openssl asn1parse: INTEGER :08
    expect(bbn.findings.filter((f) => f.severity === 'error').map((f) => `${f.stage}:${f.code}`)).toEqual(['inspect:roa.ee.as-resources.present']);
  });

  it('decodes certificates, CRLs and TALs through their own decoders', () => {
    const cer = decodeObject('a.cer', fixture('real/openbsd-rpki-client-regress/cer/2a7dd1d787d793e4c8af56e197d4eed92af6ba13.cer'));
    expect(cer.type === 'cer' && cer.value?.kind).toBe('ca');
    const crl = decodeObject('ta.crl', fixture('real/nlnetlabs-rpki-rs/repository/ta.crl'));
    expect(crl.type === 'crl' && crl.value !== undefined).toBe(true);
    const tal = decodeObject('ripe.tal', fixture('real/tals-routinator/ripe.tal'));
    expect(tal.type === 'tal' && tal.value?.uris.some((u) => u.startsWith('rsync://'))).toBe(true);
  });

  it('says what it could not recognise', () => {
    const r = decodeObject('notes.txt', new TextEncoder().encode('not an RPKI object'));
    expect([r.type, r.ok, r.value]).toEqual(['unknown', false, undefined]);
    expect(r.findings.map((f) => `${f.stage}:${f.code}`)).toEqual(['decode:object.type.unknown']);
  });
});
