import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DerReader, type Tlv } from '../der/reader.ts';
import type { FindingCode } from '../report/catalog.ts';
import { Findings, type Finding } from '../report/finding.ts';
import { FIXTURES, fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { EC_PUBLIC_KEY, RSA_ENCRYPTION, SECP256R1, SHA256_WITH_RSA } from '../x509/algorithm.ts';
import { OID } from '../x509/extensions.ts';
import { sha1 } from '../x509/sha1.ts';
import { bits, bool, ctxc, ctxp, int, nul, octets, oid, printable, seq, set, time } from '../x509/test-der.ts';
import { decodeCert, inspectCert, readCertificate, type InspectCertOptions, type ResourceCert } from './cert.ts';

const RIPE_TA = 'real/openbsd-rpki-client-regress/ta/ripe-ncc-ta.cer';
const ARIN_TO_AFRINIC = 'real/openbsd-rpki-client-regress/cer/arin-to-afrinic.cer';
const ROUTER = 'real/openbsd-rpki-client-regress/cer/Vr46VDCUfrRNL9yZAy4mxfEAspQ.cer';
const FORGE_CA = 'forge/small/repo/rpki.example.net/repo/ta/rir2.cer';
const FORGE_ROA = 'forge/small/repo/rpki.example.net/repo/rir2/m00002/r2-AS10008.roa';
const BBN = 'real/ripe-ncc-rpki-commons/conformance';

const iso = (t: number) => new Date(t * 1000).toISOString();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function decoded(bytes: Uint8Array): ResourceCert {
  const d = decodeCert(bytes);
  if (!d.ok) throw new Error(`decode failed: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

/** Decode and inspect findings together, as a relying party sees them before verification. */
function check(bytes: Uint8Array, options?: InspectCertOptions): Finding[] {
  const d = decodeCert(bytes);
  if (!d.ok) return d.findings;
  const f = new Findings();
  f.list.push(...d.findings);
  inspectCert(d.value, f, options);
  return f.list;
}

const errors = (list: Finding[]) => list.filter((f) => f.severity === 'error').map((f) => f.code);
const nonErrors = (list: Finding[]) => list.filter((f) => f.severity !== 'error').map((f) => f.code);

/** The EE certificate TLV inside a CMS SignedData (ContentInfo → [0] SignedData → certificates [0]). */
function eeTlv(bytes: Uint8Array): Tlv {
  const ci = DerReader.of(bytes, 'ContentInfo', { ber: true }).read().children();
  ci.read();
  const sd = ci.read().children().read().children();
  sd.read();
  sd.read();
  sd.read();
  return sd.read().children().read();
}

describe('decodeCert on every real certificate', () => {
  const files = fixtureFiles('real', (p) => p.endsWith('.cer'));

  it('never throws and reads all but the deliberately broken ones', () => {
    expect(files.length).toBeGreaterThan(1200);
    const failed: Record<string, FindingCode> = {};
    for (const path of files) {
      const d = decodeCert(fixture(path));
      expect(d.findings.map((f) => f.code), path).not.toContain('internal.bug');
      if (!d.ok) failed[path.slice('real/'.length)] = d.findings.find((f) => f.severity === 'error')!.code;
    }
    const expected: Record<string, FindingCode> = {
      // Its IPv4 range upper bounds are 128-bit BIT STRINGs; only rpki-rs' lenient "compat" mode reads it.
      'nlnetlabs-rpki-rs/compat/res_incorrect.cer': 'resources.ip.address-too-long',
      // A zero-byte file (rpki-validator-3 uses it as an unreachable TA certificate).
      'ripe-ncc-rpki-validator-3/empty-file.cer': 'der.tag.missing',
    };
    for (const file of BBN_DECODE_FAILS) expected[`ripe-ncc-rpki-commons/conformance/${file}`] = BBN_FLAGGED[file];
    expect(failed).toEqual(expected);
  });

  it('finds every production certificate outside the conformance suite free of profile errors', () => {
    const exceptions: Record<string, string> = {
      // RFC 8183 identity certificates of the provisioning protocols: not resource certificates at all.
      'nlnetlabs-rpki-rs/ca/id_afrinic.cer': 'cert.resources.missing',
      'nlnetlabs-rpki-rs/ca/id_ta.cer': 'cert.resources.missing',
      'nlnetlabs-rpki-rs/ca/sigmsg/cms_ta.cer': 'cert.resources.missing',
      // rpki-prover test data with the private critical extension 1.3.6.1.5.5.7.1.45.
      'rpki-prover/extra_extensions.cer': 'cert.extension.unknown-critical',
    };
    const seen: Record<string, string> = {};
    let kinds = 0;
    for (const path of files) {
      const rel = path.slice('real/'.length);
      if (rel.startsWith('ripe-ncc-rpki-commons/conformance/')) continue;
      const d = decodeCert(fixture(path));
      if (!d.ok) continue;
      kinds++;
      const f = new Findings();
      inspectCert(d.value, f);
      const errs = errors(f.list);
      if (errs.length) seen[rel] = exceptions[rel] && errs.includes(exceptions[rel] as FindingCode) ? exceptions[rel] : errs.join(', ');
    }
    expect(kinds).toBeGreaterThan(1000);
    expect(seen).toEqual(exceptions);
  });
});

describe('decodeCert field values (checked with openssl x509 -text)', () => {
  it('reads the RIPE NCC trust anchor certificate', () => {
    const bytes = fixture(RIPE_TA);
    const c = decoded(bytes);
    expect(c.kind).toBe('ta');
    expect(c.selfSigned).toBe(true);
    expect(c.version).toBe(2);
    expect(c.serial).toBe('c9');
    expect(c.signatureAlgorithm).toBe(SHA256_WITH_RSA);
    expect(c.issuer.text).toBe('CN=ripe-ncc-ta');
    expect(c.subject.commonName).toBe('ripe-ncc-ta');
    expect(iso(c.notBefore)).toBe('2017-11-28T14:39:55.000Z');
    expect(iso(c.notAfter)).toBe('2117-11-28T14:39:55.000Z');
    expect(c.ski).toBe('e8552b1fd6d1a4f7e404c6d8e5680d1ebc163fc3');
    expect(c.aki).toBeUndefined();
    expect(c.sia).toEqual({
      caRepository: 'rsync://rpki.ripe.net/repository/',
      rpkiManifest: 'rsync://rpki.ripe.net/repository/ripe-ncc-ta.mft',
      rpkiNotify: 'https://rrdp.ripe.net/notification.xml',
    });
    expect(c.crlDp).toEqual([]);
    expect(c.aia).toEqual([]);
    expect(c.keyUsage?.names).toEqual(['keyCertSign', 'cRLSign']);
    expect(c.policies?.map((p) => p.policy)).toEqual(['1.3.6.1.5.5.7.14.2']);
    expect(c.ipResources?.resources).toEqual({
      ipv4: [{ min: 0n, max: 2n ** 32n - 1n }],
      ipv6: [{ min: 0n, max: 2n ** 128n - 1n }],
    });
    expect(c.asResources?.resources).toEqual({ asnum: [{ min: 0, max: 4294967295 }] });
    expect(c.extensions.map((e) => [e.oid, e.critical])).toEqual([
      ['2.5.29.14', false],
      ['2.5.29.19', true],
      ['2.5.29.15', true],
      ['1.3.6.1.5.5.7.1.11', false],
      ['2.5.29.32', true],
      ['1.3.6.1.5.5.7.1.7', true],
      ['1.3.6.1.5.5.7.1.8', true],
    ]);
    // Zero-copy views: the TBSCertificate and SPKI bytes are subarrays of the input.
    expect(c.tbs.buffer).toBe(bytes.buffer);
    expect(c.spki.buffer).toBe(bytes.buffer);
    expect(c.tbs.byteOffset).toBe(4);
    expect(hex(c.spki.subarray(0, 4))).toBe('30820122');
    expect(c.signature).toHaveLength(256);
    expect(hex(c.signature.subarray(0, 4))).toBe('158098eb');
    const f = new Findings();
    inspectCert(c, f);
    expect(f.list).toEqual([]);
  });

  it('reads the ARIN-to-AFRINIC CA certificate with IP ranges and a CPS qualifier', () => {
    const c = decoded(fixture(ARIN_TO_AFRINIC));
    expect(c.kind).toBe('ca');
    expect(c.serial).toBe('1b');
    expect(c.issuer.text).toBe('CN=AfriNIC-Root-Certificate');
    expect(c.subject.text).toBe('SERIALNUMBER=B87C5A75F3D957413AB998646946D4541D511455,CN=ARINTOAFRINIC');
    expect(iso(c.notBefore)).toBe('2018-09-25T06:18:38.000Z');
    expect(iso(c.notAfter)).toBe('2023-09-25T00:00:00.000Z');
    expect(c.ski).toBe('b87c5a75f3d957413ab998646946d4541d511455');
    expect(c.aki).toBe('eb680f38f5d6c71bb4b106b8bd06585012da31b6');
    expect(c.crlDp).toEqual(['rsync://rpki.afrinic.net/repository/04E8B0D80F4D11E0B657D8931367AE7D/62gPOPXWxxu0sQa4vQZYUBLaMbY.crl']);
    expect(c.aia).toEqual(['rsync://rpki.afrinic.net/repository/AfriNIC.cer']);
    expect(c.sia.caRepository).toBe('rsync://rpki.afrinic.net/repository/arin/');
    expect(c.sia.rpkiManifest).toBe('rsync://rpki.afrinic.net/repository/arin/uHxadfPZV0E6uZhkaUbUVB1RFFU.mft');
    expect(c.policies?.[0].qualifiers.map((q) => q.cps)).toEqual(['https://rpki.afrinic.net/policy/CPS.pdf']);
    const v4 = c.ipResources?.families.find((f) => f.afi === 'ipv4');
    expect(v4?.choice).not.toBe('inherit');
    if (!v4 || v4.choice === 'inherit') return;
    expect(v4.choice).toHaveLength(203);
    expect(v4.choice[0]).toEqual({ kind: 'prefix', prefix: { afi: 'ipv4', addr: 0x2d600000n, len: 12 } });
    // 45.192.0.0-45.222.255.255
    expect(v4.choice[1]).toEqual({ kind: 'range', min: 0x2dc00000n, max: 0x2ddeffffn });
    expect(c.asResources).toBeUndefined();
    const f = new Findings();
    inspectCert(c, f);
    expect(f.list).toEqual([]);
  });

  it('reads the BGPsec router certificate', () => {
    const c = decoded(fixture(ROUTER));
    expect(c.kind).toBe('router');
    expect(c.serial).toBe('3');
    expect(c.subject.text).toBe('SERIALNUMBER=c093a801,CN=ROUTER-00003cca');
    expect(c.issuer.text).toBe('CN=6AE50941790C1407AB37ACF873BA1B705432140D');
    expect(iso(c.notBefore)).toBe('2021-09-11T14:39:47.000Z');
    expect(iso(c.notAfter)).toBe('2022-09-11T14:39:46.000Z');
    expect(c.eku).toEqual(['1.3.6.1.5.5.7.3.30']);
    expect(c.publicKey).toMatchObject({ type: 'ec', curve: 'P-256' });
    expect(c.ski).toBe('56be3a5430947eb44d2fdc99032e26c5f100b294');
    expect(c.asResources?.resources).toEqual({ asnum: [{ min: 15562, max: 15562 }] });
    expect(c.ipResources).toBeUndefined();
    expect(c.subjectInfoAccess).toBeUndefined();
    expect(c.crlDp).toEqual(['rsync://chloe.sobornost.net/rpki/TA/auUJQXkMFAerN6z4c7obcFQyFA0.crl']);
    const f = new Findings();
    inspectCert(c, f);
    expect(f.list).toEqual([]);
  });

  it('reads a forge CA certificate', () => {
    const c = decoded(fixture(FORGE_CA));
    expect(c.kind).toBe('ca');
    expect(c.serial).toBe('2');
    expect(c.issuer.text).toBe('CN=4D52A858688D6E4124920E6C1D0B68531AF3356C');
    expect(c.subject.text).toBe('CN=0392A8366AFE64EEC9B2B71CE998568A3BBF3404');
    expect(iso(c.notBefore)).toBe('2026-11-19T00:00:00.000Z');
    expect(iso(c.notAfter)).toBe('2027-11-20T00:00:00.000Z');
    expect(c.ski).toBe('0392a8366afe64eec9b2b71ce998568a3bbf3404');
    expect(c.aki).toBe('4d52a858688d6e4124920e6c1d0b68531af3356c');
    expect(c.crlDp).toEqual(['rsync://rpki.example.net/repo/ta/ta.crl']);
    expect(c.aia).toEqual(['rsync://rpki.example.net/repo/ta/ta.cer']);
    expect(c.sia).toEqual({ caRepository: 'rsync://rpki.example.net/repo/rir2/', rpkiManifest: 'rsync://rpki.example.net/repo/rir2/rir2.mft' });
    expect(c.ipResources?.resources).toEqual({
      ipv4: [{ min: 0x40000000n, max: 0x5fffffffn }],
      ipv6: [{ min: 0x2800n << 112n, max: (0x2bffn << 112n) | (2n ** 112n - 1n) }],
    });
    expect(c.asResources?.resources).toEqual({ asnum: [{ min: 10008, max: 10015 }] });
    const f = new Findings();
    inspectCert(c, f);
    expect(f.list).toEqual([]);
  });

  it('reads the EE certificate of a forge ROA in place, with offsets into the CMS object', () => {
    const bytes = fixture(FORGE_ROA);
    const t = eeTlv(bytes);
    const f = new Findings();
    const c = readCertificate(t, f);
    expect(f.list).toEqual([]);
    expect(c.kind).toBe('ee');
    expect(c.bytes.byteOffset - bytes.byteOffset).toBe(t.start);
    expect(c.subject.text).toBe('CN=09360818F9F513C9ECB4D6D09C5CCC9CE8D97837');
    expect(c.ski).toBe('bf1c30c32378f0e79a39cc6046712b34501c0ede');
    expect(c.sia).toEqual({ signedObject: 'rsync://rpki.example.net/repo/rir2/m00002/r2-AS10008.roa' });
    expect(c.ipResources?.resources).toEqual({ ipv6: [{ min: 0x29000000364cn << 80n, max: (0x29000000364dn << 80n) | (2n ** 80n - 1n) }] });
    inspectCert(c, f);
    expect(f.list).toEqual([]);
  });

  it('passes the rpki-rs TA, CA and router certificates (its strict inspection tests)', () => {
    for (const [name, kind] of [['ta', 'ta'], ['ca1', 'ca'], ['router', 'router']] as const) {
      const c = decoded(fixture(`real/nlnetlabs-rpki-rs/repository/${name}.cer`));
      expect(c.kind, name).toBe(kind);
      const f = new Findings();
      inspectCert(c, f);
      expect(errors(f.list), name).toEqual([]);
    }
  });

  it('rejects the rpki-rs EE certificate whose two signature algorithm identifiers differ (NULL vs absent)', () => {
    const f = new Findings();
    const c = readCertificate(eeTlv(fixture('real/nlnetlabs-rpki-rs/repository/signature-alg-mismatch.mft')), f);
    expect(c.algorithms.outer.params).toBe('absent');
    expect(c.algorithms.tbs.params).toBe('null');
    inspectCert(c, f);
    expect(errors(f.list)).toEqual(['cert.signature-algorithm.mismatch']);
  });
});

/** BBN conformance CA certificates whose defect the certificate alone shows: the error decode+inspect report. */
const BBN_FLAGGED: Record<string, FindingCode> = {
  'badRootBadAIA.cer': 'cert.aia.in-ta',
  'badRootBadCRLDP.cer': 'cert.crldp.in-ta',
  // Subject = issuer but AKI ≠ SKI: self-issued yet not self-signed.
  'badRootBadAKI.cer': 'cert.self-issued',
  // Subject ≠ issuer, so not self-signed; its AKI still names its own key.
  'badRootNameDiff.cer': 'cert.aki.equals-ski',
  'root/badCert2AKI.cer': 'x509.extension.duplicate',
  'root/badCert2ASNum.cer': 'x509.extension.duplicate',
  'root/badCert2BasicConstr.cer': 'x509.extension.duplicate',
  'root/badCert2CRLDP.cer': 'x509.extension.duplicate',
  'root/badCert2Cpol.cer': 'x509.extension.duplicate',
  'root/badCert2IPAddr.cer': 'x509.extension.duplicate',
  'root/badCert2KeyUsage.cer': 'x509.extension.duplicate',
  'root/badCert2SKI.cer': 'x509.extension.duplicate',
  'root/badCertAIA2x.cer': 'x509.extension.duplicate',
  'root/badCertSIA2x.cer': 'x509.extension.duplicate',
  'root/badCertAIAAccessLoc.cer': 'cert.aia.no-rsync',
  'root/badCertAIABadAccess.cer': 'cert.aia.access-method',
  'root/badCertAIACrit.cer': 'cert.aia.critical',
  'root/badCertAKIHasACI.cer': 'cert.aki.issuer-serial',
  'root/badCertAKIHasACIACSN.cer': 'cert.aki.issuer-serial',
  'root/badCertAKIHasACSN.cer': 'cert.aki.issuer-serial',
  'root/badCertAKILong.cer': 'cert.aki.length',
  'root/badCertAKIShort.cer': 'cert.aki.length',
  'root/badCertBasicConstrNoCA.cer': 'cert.basic-constraints.not-ca',
  'root/badCertBasicConstrNoCrit.cer': 'cert.basic-constraints.not-critical',
  'root/badCertBasicConstrPathLth.cer': 'cert.basic-constraints.path-length',
  'root/badCertBothSigAlg.cer': 'cert.signature-algorithm.unsupported',
  'root/badCertCRLDPCrit.cer': 'cert.crldp.critical',
  'root/badCertCRLDPCrlIssuer.cer': 'cert.crldp.crl-issuer',
  'root/badCertCRLDPNoRsyncDistPt.cer': 'cert.crldp.no-rsync',
  'root/badCertCRLDPReasons.cer': 'cert.crldp.reasons',
  'root/badCertCpol2oid1correct.cer': 'cert.policies.count',
  'root/badCertCpol2oid2correct.cer': 'cert.policies.count',
  'root/badCertCpolBadOid.cer': 'cert.policies.unknown',
  'root/badCertCpolNoCrit.cer': 'cert.policies.not-critical',
  'root/badCertCpolQualCpsUnotice.cer': 'cert.policies.qualifier',
  'root/badCertCpolQualUnotice.cer': 'cert.policies.qualifier',
  'root/badCertEKU.cer': 'cert.eku.present',
  'root/badCertInnerSigAlg.cer': 'cert.signature-algorithm.mismatch',
  'root/badCertOuterSigAlg.cer': 'cert.signature-algorithm.mismatch',
  'root/badCertIssUID.cer': 'cert.unique-identifier.present',
  'root/badCertSubjUID.cer': 'cert.unique-identifier.present',
  'root/badCertIssuer2ComName.cer': 'x509.issuer.common-name.multiple',
  'root/badCertIssuer2SetComName.cer': 'x509.issuer.common-name.multiple',
  'root/badCertIssuerOID.cer': 'x509.issuer.attribute.unexpected',
  'root/badCertIssuerSeq2SerNums.cer': 'x509.issuer.serial-number.multiple',
  'root/badCertIssuerSerNum.cer': 'x509.issuer.common-name.missing',
  'root/badCertIssuerSet2SerNums.cer': 'x509.issuer.serial-number.multiple',
  'root/badCertSubject2ComName.cer': 'x509.subject.common-name.multiple',
  'root/badCertSubject2SetComName.cer': 'x509.subject.common-name.multiple',
  'root/badCertSubjectOID.cer': 'x509.subject.attribute.unexpected',
  'root/badCertSubjectSeq2SerNums.cer': 'x509.subject.serial-number.multiple',
  'root/badCertSubjectSerNum.cer': 'x509.subject.common-name.missing',
  'root/badCertSubjectSet2SerNums.cer': 'x509.subject.serial-number.multiple',
  'root/badCertKUsageDigitalSig.cer': 'cert.key-usage.ca-bits',
  'root/badCertKUsageExtra.cer': 'cert.key-usage.ca-bits',
  'root/badCertKUsageNoCRLSign.cer': 'cert.key-usage.ca-bits',
  'root/badCertKUsageNoCertSign.cer': 'cert.key-usage.ca-bits',
  'root/badCertKUsageNoCrit.cer': 'cert.key-usage.not-critical',
  'root/badCertNoAIA.cer': 'cert.aia.missing',
  'root/badCertNoAKI.cer': 'cert.aki.missing',
  // Without basicConstraints the certificate reads as an EE certificate whose key may sign certificates.
  'root/badCertNoBasicConstr.cer': 'cert.basic-constraints.missing',
  'root/badCertNoCRLDP.cer': 'cert.crldp.missing',
  'root/badCertNoCpol.cer': 'cert.policies.missing',
  'root/badCertNoKeyUsage.cer': 'cert.key-usage.missing',
  'root/badCertNoSIA.cer': 'cert.sia.missing',
  'root/badCertNoSKI.cer': 'cert.ski.missing',
  'root/badCertPubKeyAlg.cer': 'cert.public-key.not-rsa',
  'root/badCertPubKeyExp.cer': 'cert.public-key.rsa-exponent',
  'root/badCertPubKeyLong.cer': 'cert.public-key.rsa-size',
  'root/badCertPubKeyShort.cer': 'cert.public-key.rsa-size',
  'root/badCertResourcesASEmpty.cer': 'resources.as.empty',
  'root/badCertResourcesASNoCrit.cer': 'cert.as-resources.not-critical',
  'root/badCertResourcesBadAFI.cer': 'resources.ip.afi-unknown',
  'root/badCertResourcesBadASOrder.cer': 'resources.as.range-reversed',
  'root/badCertResourcesBadV4Order.cer': 'resources.ip.order',
  'root/badCertResourcesBadV6Order.cer': 'resources.ip.order',
  'root/badCertResourcesIPEmpty.cer': 'resources.ip.empty',
  'root/badCertResourcesIPNoCrit.cer': 'cert.ip-resources.not-critical',
  'root/badCertResourcesNone.cer': 'cert.resources.missing',
  'root/badCertResourcesSAFI.cer': 'resources.ip.safi-present',
  'root/badCertSIAAccessMethod.cer': 'cert.sia.access-method',
  'root/badCertSIAMFTNoRsync.cer': 'cert.sia.manifest.missing',
  'root/badCertSIANoMFT.cer': 'cert.sia.manifest.missing',
  'root/badCertSIANoRepo.cer': 'cert.sia.ca-repository.missing',
  'root/badCertSIARepoNoRsync.cer': 'cert.sia.ca-repository.missing',
  'root/badCertSKIHash.cer': 'cert.ski.mismatch',
  'root/badCertSKILong.cer': 'cert.ski.length',
  'root/badCertSKIShort.cer': 'cert.ski.length',
  'root/badCertSerNum.cer': 'cert.serial.not-positive',
  'root/badCertSerNum0.cer': 'cert.serial.not-positive',
  'root/badCertSerNumTooBig.cer': 'cert.serial.too-long',
  'root/badCertUnkExtensionCrit.cer': 'cert.extension.unknown-critical',
  'root/badCertValCrossed.cer': 'cert.validity.crossed',
  // The suite's "notAfter in the past" (2000-05-15) also precedes its notBefore (2011-04-11).
  'root/badCertValToPast.cer': 'cert.validity.crossed',
  'root/badCertValFromTyp.cer': 'x509.time.generalized-before-2050',
  'root/badCertValToTyp.cer': 'x509.time.generalized-before-2050',
  'root/badCertVersion1.cer': 'cert.version.not-v3',
  'root/badCertVersion2.cer': 'cert.version.not-v3',
  'root/badCertVersion4.cer': 'cert.version.not-v3',
  'root/badCertVersionNeg.cer': 'cert.version.not-v3',
};

/**
 * The BBN cases decodeCert already refuses: duplicate extensions and time encodings (RFC 5280), and RFC 3779
 * data the resources decoder rejects while reading it.
 */
const BBN_DECODE_FAILS = new Set([
  'root/badCert2AKI.cer',
  'root/badCert2ASNum.cer',
  'root/badCert2BasicConstr.cer',
  'root/badCert2CRLDP.cer',
  'root/badCert2Cpol.cer',
  'root/badCert2IPAddr.cer',
  'root/badCert2KeyUsage.cer',
  'root/badCert2SKI.cer',
  'root/badCertAIA2x.cer',
  'root/badCertSIA2x.cer',
  'root/badCertValFromTyp.cer',
  'root/badCertValToTyp.cer',
  'root/badCertResourcesASEmpty.cer',
  'root/badCertResourcesBadAFI.cer',
  'root/badCertResourcesBadASOrder.cer',
  'root/badCertResourcesBadV4Order.cer',
  'root/badCertResourcesBadV6Order.cer',
  'root/badCertResourcesIPEmpty.cer',
  'root/badCertResourcesSAFI.cer',
]);

/** BBN cases that need the issuer or an evaluation time: decode and inspect must NOT flag them. */
const BBN_NEEDS_ISSUER: Record<string, string> = {
  'badRootBadSig.cer': 'signature: verified with the TAL key',
  'root/badCertBadSig.cer': 'signature: verified with the issuer (root.cer) key',
  'root/badCertAKIHash.cer': 'AKI compared with the issuer’s SKI',
  'root/badCertValFromFuture.cer': 'notBefore (2041) after the evaluation time',
};

/** BBN cases seen on the certificate but, as production validators do, only warned about. */
const BBN_TOLERATED: Record<string, [FindingCode, string]> = {
  'root/badCertIssuerUtf.cer': ['x509.issuer.common-name.utf8', 'AFRINIC issues UTF8String commonNames; rpki-client accepts them'],
  'root/badCertSubjectUtf.cer': ['x509.subject.common-name.utf8', 'AFRINIC issues UTF8String commonNames; rpki-client accepts them'],
  'root/badCertUnkExtension.cer': ['cert.extension.unknown', 'RFC 5280 §4.2: unknown non-critical extensions may be ignored; rpki-client and Routinator do'],
};

/** good*.cer that RPKI Lens rejects, with the reason. */
const BBN_GOOD_REJECTED: Record<string, [FindingCode, string]> = {
  'root/goodCertCRLDP2DistPt.cer': [
    'cert.crldp.count',
    'RFC 6487 §4.8.6 wants one DistributionPoint; rpki-client, Routinator and FORT all reject two (the 2011 suite predates the RFC)',
  ],
};

describe('BBN conformance suite, CA certificates (decode + inspect)', () => {
  const list = (dir: string) => readdirSync(join(FIXTURES, BBN, dir)).filter((f) => f.endsWith('.cer')).map((f) => (dir ? `${dir}/${f}` : f));
  const all = [...list(''), ...list('root')];
  const bad = all.filter((f) => f.split('/').pop()!.startsWith('bad'));
  const good = [...all, ...['NAMSeqNameSer', 'NAMSeqSerName', 'NAMSetNameSer'].map((d) => `root/${d}/goodCertMatch.cer`)].filter((f) =>
    f.split('/').pop()!.startsWith('good'),
  );

  it('classifies every bad*.cer exactly once', () => {
    const listed = [...Object.keys(BBN_FLAGGED), ...Object.keys(BBN_NEEDS_ISSUER), ...Object.keys(BBN_TOLERATED)];
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...bad].sort());
    expect(bad).toHaveLength(107);
  });

  it.each(Object.entries(BBN_FLAGGED))('%s → %s', (file, code) => {
    const bytes = fixture(`${BBN}/${file}`);
    expect(decodeCert(bytes).ok).toBe(!BBN_DECODE_FAILS.has(file));
    expect(errors(check(bytes))).toContain(code);
  });

  it.each(Object.entries(BBN_NEEDS_ISSUER))('%s is not flagged without its issuer (%s)', (file) => {
    expect(errors(check(fixture(`${BBN}/${file}`)))).toEqual([]);
  });

  it.each(Object.entries(BBN_TOLERATED))('%s is only warned about', (file, [code]) => {
    const found = check(fixture(`${BBN}/${file}`));
    expect(errors(found)).toEqual([]);
    expect(nonErrors(found)).toContain(code);
  });

  it('accepts every good*.cer without an error, but the listed exception', () => {
    expect(good.length).toBe(23);
    const rejected: Record<string, string[]> = {};
    for (const file of good) {
      const errs = errors(check(fixture(`${BBN}/${file}`)));
      if (errs.length) rejected[file] = errs;
    }
    expect(rejected).toEqual(Object.fromEntries(Object.entries(BBN_GOOD_REJECTED).map(([f, [code]]) => [f, [code]])));
  });

  it('keeps non-URI SIA locations out of the URI choice and warns', () => {
    const c = decoded(fixture(`${BBN}/root/goodCertSIARepoHasNonURI.cer`));
    expect(c.sia.caRepository).toBe('rsync://rpki.bbn.com/conformance/root/empty/');
    expect(c.subjectInfoAccess?.some((ad) => ad.location.kind === 'other')).toBe(true);
    expect(nonErrors(check(fixture(`${BBN}/root/goodCertSIARepoHasNonURI.cer`)))).toEqual(['cert.access-location.not-uri']);
  });

  it('picks the rsync location when a URI of another scheme comes first', () => {
    const c = decoded(fixture(`${BBN}/root/goodCertSIAMFTHtRs.cer`));
    expect(c.subjectInfoAccess?.filter((ad) => ad.method === OID.adRpkiManifest).map((ad) => (ad.location.kind === 'uri' ? ad.location.uri : ''))).toEqual([
      'http://rpki.bbn.com/conformance/root/empty1/doesNotExist.mft',
      'rsync://rpki.bbn.com/conformance/root/empty/doesNotExist.mft',
    ]);
    expect(c.sia.rpkiManifest).toBe('rsync://rpki.bbn.com/conformance/root/empty/doesNotExist.mft');
  });
});

describe('crafted certificates', () => {
  const forge = decoded(fixture(FORGE_CA));
  const router = decoded(fixture(ROUTER));
  const skiOf = (c: ResourceCert) => sha1(c.subjectPublicKeyInfo.subjectPublicKey);
  const uri = (s: string) => ctxp(6, new TextEncoder().encode(s));
  const name = (s: string) => seq(set(seq(oid('2.5.4.3'), printable(s))));
  const ext = (id: string, value: Uint8Array, critical?: boolean) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
  const E = {
    bc: ext(OID.basicConstraints, seq(bool(true)), true),
    ski: ext(OID.subjectKeyIdentifier, octets(skiOf(forge))),
    routerSki: ext(OID.subjectKeyIdentifier, octets(skiOf(router))),
    aki: ext(OID.authorityKeyIdentifier, seq(ctxp(0, new Uint8Array(20).fill(0xaa)))),
    kuCa: ext(OID.keyUsage, bits([0x06], 1), true),
    kuEe: ext(OID.keyUsage, bits([0x80], 7), true),
    crldp: ext(OID.crlDistributionPoints, seq(seq(ctxc(0, ctxc(0, uri('rsync://example.net/repo/ca.crl')))))),
    aia: ext(OID.authorityInfoAccess, seq(seq(oid(OID.adCaIssuers), uri('rsync://example.net/repo/ca.cer')))),
    siaCa: ext(
      OID.subjectInfoAccess,
      seq(seq(oid(OID.adCaRepository), uri('rsync://example.net/repo/child/')), seq(oid(OID.adRpkiManifest), uri('rsync://example.net/repo/child/child.mft'))),
    ),
    siaEe: ext(OID.subjectInfoAccess, seq(seq(oid(OID.adSignedObject), uri('rsync://example.net/repo/ca/x.roa')))),
    cp: ext(OID.certificatePolicies, seq(seq(oid(OID.cpIpAddrAsNumber))), true),
    ip: ext(OID.ipAddrBlocks, seq(seq(octets([0, 1]), seq(bits([10])))), true),
    ipInherit: ext(OID.ipAddrBlocks, seq(seq(octets([0, 1]), nul())), true),
    as: ext(OID.autonomousSysIds, seq(ctxc(0, seq(int(64500)))), true),
    asInherit: ext(OID.autonomousSysIds, seq(ctxc(0, nul())), true),
    ekuRouter: ext(OID.extKeyUsage, seq(oid(OID.kpBgpsecRouter))),
  };
  const sigAlg = seq(oid(SHA256_WITH_RSA), nul());
  function craft(exts: Uint8Array[], o: { issuer?: string; subject?: string; spki?: Uint8Array } = {}): Uint8Array {
    const tbs = seq(
      ctxc(0, int(2)),
      int(1),
      sigAlg,
      name(o.issuer ?? 'issuer'),
      seq(time('2026-11-19T00:00:00Z'), time('2027-11-20T00:00:00Z')),
      name(o.subject ?? 'child'),
      o.spki ?? forge.spki,
      ctxc(3, seq(...exts)),
    );
    return seq(tbs, sigAlg, bits(new Uint8Array(256)));
  }
  const ca = [E.bc, E.ski, E.aki, E.kuCa, E.crldp, E.aia, E.siaCa, E.cp, E.ip, E.as];
  const ee = [E.ski, E.aki, E.kuEe, E.crldp, E.aia, E.siaEe, E.cp, E.ipInherit];
  const rtr = [E.routerSki, E.aki, E.kuEe, E.crldp, E.aia, E.cp, E.as, E.ekuRouter];
  const ta = [E.bc, E.ski, E.kuCa, E.siaCa, E.cp, E.ip, E.as];
  const without = (list: Uint8Array[], x: Uint8Array) => list.filter((e) => e !== x);

  it('builds clean baselines of each kind, so each negative below has exactly its own defect', () => {
    expect(decoded(craft(ca)).kind).toBe('ca');
    expect(check(craft(ca))).toEqual([]);
    expect(decoded(craft(ee)).kind).toBe('ee');
    expect(check(craft(ee))).toEqual([]);
    expect(decoded(craft(rtr, { spki: router.spki })).kind).toBe('router');
    expect(check(craft(rtr, { spki: router.spki }))).toEqual([]);
    const t = decoded(craft(ta, { issuer: 'ta', subject: 'ta' }));
    expect([t.kind, t.selfSigned]).toEqual(['ta', true]);
    expect(check(craft(ta, { issuer: 'ta', subject: 'ta' }))).toEqual([]);
  });

  it('TA: inherit is an error (RFC 8630 §2.3)', () => {
    const found = check(craft([...without(ta, E.ip), E.ipInherit], { issuer: 'ta', subject: 'ta' }));
    expect(found.map((f) => [f.code, f.stage])).toEqual([['cert.ta.inherit', 'inspect']]);
    expect(found[0].params).toEqual({ families: 'IPv4' });
  });

  it('router: RFC 8209 §3.1.3 and RFC 8608 §3.1', () => {
    const rsp = { spki: router.spki };
    expect(errors(check(craft([...rtr, E.siaEe], rsp)))).toEqual(['cert.sia.in-router']);
    expect(errors(check(craft([...rtr, E.ip], rsp)))).toEqual(['cert.router.ip-resources']);
    expect(errors(check(craft([...without(rtr, E.as), E.ip], rsp)))).toEqual(['cert.router.ip-resources', 'cert.router.as-resources.missing']);
    expect(errors(check(craft([...without(rtr, E.as), E.asInherit], rsp)))).toEqual(['cert.router.as-resources.inherit']);
    expect(errors(check(craft([...without(rtr, E.ekuRouter), ext(OID.extKeyUsage, seq(oid(OID.kpBgpsecRouter)), true)], rsp)))).toEqual([
      'cert.eku.critical',
    ]);
    expect(errors(check(craft([...without(rtr, E.routerSki), E.ski])))).toEqual(['cert.public-key.not-p256']);
  });

  it('EE: key usage, SIA, EKU and self-issue', () => {
    expect(errors(check(craft([...without(ee, E.kuEe), E.kuCa])))).toEqual(['cert.basic-constraints.missing', 'cert.key-usage.ee-bits']);
    expect(errors(check(craft([...without(ee, E.siaEe), E.siaCa])))).toEqual(['cert.sia.access-method', 'cert.sia.access-method', 'cert.sia.signed-object.missing']);
    expect(errors(check(craft(without(ee, E.siaEe))))).toEqual(['cert.sia.missing']);
    // RFC 9323 §2: an RSC's EE certificate has no SIA.
    expect(check(craft(without(ee, E.siaEe)), { eeWithoutSia: true })).toEqual([]);
    // RFC 6487 erratum 7239: rpkiNotify next to signedObject is tolerated.
    const withNotify = ext(OID.subjectInfoAccess, seq(seq(oid(OID.adSignedObject), uri('rsync://e/x.roa')), seq(oid(OID.adRpkiNotify), uri('https://e/n.xml'))));
    expect(check(craft([...without(ee, E.siaEe), withNotify]))).toEqual([]);
    expect(errors(check(craft([...ee, ext(OID.extKeyUsage, seq(oid('1.3.6.1.5.5.7.3.1')))])))).toEqual(['cert.eku.present']);
    expect(errors(check(craft(ee, { issuer: 'same', subject: 'same' })))).toEqual(['cert.self-issued']);
  });

  it('warns about a non-URI CRL distribution point name next to the rsync one', () => {
    const crldp = ext(OID.crlDistributionPoints, seq(seq(ctxc(0, ctxc(0, ctxp(7, [192, 0, 2, 1]), uri('rsync://example.net/repo/ca.crl'))))));
    const c = decoded(craft([...without(ca, E.crldp), crldp]));
    expect(c.crlDp).toEqual(['rsync://example.net/repo/ca.crl']);
    const found = check(craft([...without(ca, E.crldp), crldp]));
    expect(found.map((f) => [f.code, f.severity, f.params.type])).toEqual([['cert.access-location.not-uri', 'warning', 'iPAddress']]);
  });

  it('rejects an encoded DEFAULT FALSE critical flag and trailing bytes at decode', () => {
    const d = decodeCert(craft([...ca, seq(oid('1.2.3.4'), bool(false), octets(nul()))]));
    expect(d.ok).toBe(false);
    expect(d.findings.map((f) => [f.code, f.stage])).toEqual([['der.value.non-canonical', 'decode']]);
    const withTail = new Uint8Array([...craft(ca), 0]);
    expect(decodeCert(withTail).findings.map((f) => f.code)).toEqual(['der.trailing-bytes']);
  });

  describe('one profile defect each (RFC 6487 §4.7, §4.8; RFC 8182 §3.2; RFC 8608 §3.1)', () => {
    /** Decode + inspect: the object still decodes, and inspection reports exactly `code`, an error of stage 'inspect'. */
    function onlyError(bytes: Uint8Array, code: FindingCode, options?: InspectCertOptions): Finding {
      expect(decodeCert(bytes).ok).toBe(true);
      const found = check(bytes, options);
      expect(found.map((f) => [f.code, f.severity, f.stage])).toEqual([[code, 'error', 'inspect']]);
      return found[0];
    }
    /** The bytes a finding points at, as hex. */
    const span = (bytes: Uint8Array, f: Finding) => hex(bytes.subarray(f.at!.start, f.at!.end));

    it('§4.8.2: a critical subjectKeyIdentifier', () => {
      const ski = ext(OID.subjectKeyIdentifier, octets(skiOf(forge)), true);
      const bytes = craft([...without(ca, E.ski), ski]);
      expect(span(bytes, onlyError(bytes, 'cert.ski.critical'))).toBe(hex(ski));
    });

    it('§4.8.3: a critical authorityKeyIdentifier, and one without keyIdentifier', () => {
      const critical = ext(OID.authorityKeyIdentifier, seq(ctxp(0, new Uint8Array(20).fill(0xaa))), true);
      const bytes = craft([...without(ca, E.aki), critical]);
      expect(span(bytes, onlyError(bytes, 'cert.aki.critical'))).toBe(hex(critical));
      // AuthorityKeyIdentifier ::= SEQUENCE { } : every field is OPTIONAL in RFC 5280 §4.2.1.1, so it decodes.
      const empty = ext(OID.authorityKeyIdentifier, seq());
      const noKeyId = craft([...without(ee, E.aki), empty]);
      expect(decoded(noKeyId).aki).toBeUndefined();
      expect(span(noKeyId, onlyError(noKeyId, 'cert.aki.key-identifier.missing'))).toBe(hex(empty));
    });

    it('§4.8.6: a distribution point named relative to the CRL issuer has no fullName, hence no rsync URI', () => {
      const relative = seq(ctxc(0, ctxc(1, set(seq(oid('2.5.4.3'), printable('crl'))))));
      const bytes = craft([...without(ca, E.crldp), ext(OID.crlDistributionPoints, seq(relative))]);
      expect(decoded(bytes).crlDistributionPoints?.map((dp) => [dp.fullName, dp.nameRelativeToCRLIssuer])).toEqual([[undefined, true]]);
      const found = check(bytes);
      expect(found.map((f) => [f.code, f.severity, f.stage])).toEqual([
        ['cert.crldp.no-full-name', 'error', 'inspect'],
        ['cert.crldp.no-rsync', 'error', 'inspect'],
      ]);
      expect(span(bytes, found[0])).toBe(hex(relative));
    });

    it('§4.8.8: a critical subjectInfoAccess, and an rpkiNotify URI that is not https (RFC 8182 §3.2)', () => {
      const critical = ext(OID.subjectInfoAccess, seq(seq(oid(OID.adSignedObject), uri('rsync://example.net/repo/ca/x.roa'))), true);
      const bytes = craft([...without(ee, E.siaEe), critical]);
      expect(span(bytes, onlyError(bytes, 'cert.sia.critical'))).toBe(hex(critical));
      const notify = ext(
        OID.subjectInfoAccess,
        seq(
          seq(oid(OID.adCaRepository), uri('rsync://example.net/repo/child/')),
          seq(oid(OID.adRpkiManifest), uri('rsync://example.net/repo/child/child.mft')),
          seq(oid(OID.adRpkiNotify), uri('http://example.net/notification.xml')),
        ),
      );
      const plain = craft([...without(ca, E.siaCa), notify]);
      expect(decoded(plain).sia.rpkiNotify).toBeUndefined();
      expect(onlyError(plain, 'cert.sia.notify.not-https').params).toEqual({ uri: 'http://example.net/notification.xml' });
    });

    it('RFC 7935 §3.1: rsaEncryption without its NULL parameters', () => {
      const spki = seq(seq(oid(RSA_ENCRYPTION)), bits(forge.subjectPublicKeyInfo.subjectPublicKey));
      const bytes = craft(ca, { spki });
      expect(decoded(bytes).subjectPublicKeyInfo.algorithm.params).toBe('absent');
      expect(span(bytes, onlyError(bytes, 'cert.public-key.rsa-params'))).toBe(hex(seq(oid(RSA_ENCRYPTION))));
    });

    it('RFC 8608 §3.1: a router key given as a compressed P-256 point', () => {
      if (router.publicKey.type !== 'ec') throw new Error('the router fixture has an EC key');
      const point = router.publicKey.point.slice(0, 33);
      point[0] = 0x02 | (router.publicKey.point[64] & 1);
      const spki = seq(seq(oid(EC_PUBLIC_KEY), oid(SECP256R1)), bits(point));
      const bytes = craft([...without(rtr, E.routerSki), ext(OID.subjectKeyIdentifier, octets(sha1(point)))], { spki });
      expect(decoded(bytes).kind).toBe('router');
      expect(onlyError(bytes, 'cert.public-key.ec-point').params).toEqual({ length: 33 });
    });
  });

  it('survives every truncation and thousands of byte flips of a real certificate', () => {
    const bytes = fixture(FORGE_CA);
    for (let n = 0; n < bytes.length; n++) {
      const d = decodeCert(bytes.subarray(0, n));
      expect(d.ok).toBe(false);
      expect(d.findings.map((f) => f.code)).not.toContain('internal.bug');
    }
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 2 ** 24;
    for (let i = 0; i < 5000; i++) {
      const m = bytes.slice();
      m[Math.floor(rand() * m.length)] = Math.floor(rand() * 256);
      const d = decodeCert(m);
      const f = new Findings();
      if (d.ok) inspectCert(d.value, f);
      expect([...d.findings, ...f.list].map((x) => x.code)).not.toContain('internal.bug');
    }
  });
});
