/**
 * The BBN "RPKI Syntax Conformance Test Cases" (ripe-ncc-rpki-commons/conformance, README there): every bad*
 * ROA, manifest and Ghostbusters record must be rejected, every good* one accepted. Each bad file is listed in
 * exactly one table below, by the stage that catches it; the test fails when a file is added, moves stage or
 * changes its reason.
 */
import { describe, expect, it } from 'vitest';
import { Findings, Reject, type Finding } from '../report/finding.ts';
import { fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { inspectGbr, readGbr } from './gbr.ts';
import { decodeManifestContent, inspectManifest, readManifest } from './manifest.ts';
import { inspectRoa, readRoa } from './roa.ts';

const ROOT = 'real/ripe-ncc-rpki-commons/conformance/root';

/**
 * RFC 9582 §5 forbids the AS resources extension in ROA EE certificates; every EE certificate of the 2011 suite
 * (built under RFC 6482, which did not) carries one. rpki-client 8.2 rejects all these ROAs for it, FORT 1.5.4 does
 * not. RPKI Lens follows RFC 9582: the finding is an inspect-stage error on every BBN ROA, and is left out of the
 * tables so that each entry shows the defect the test case is about.
 */
const EVERY_BBN_ROA = 'roa.ee.as-resources.present';

/** bad* files the decoder rejects (stage 'decode'), with the error codes it reports. */
const DECODE: Record<string, string[]> = {
  'badMFTDuplicateFileOneHash.mft': ['mft.file-name.duplicate'],
  'badMFTDuplicateFileTwoHashes.mft': ['mft.file-name.duplicate'],
  'badMFTFileHashLong.mft': ['mft.file-hash.length'],
  'badMFTFileHashShort.mft': ['mft.file-hash.length'],
  'badMFTFileNotIA5.mft': ['der.tag.unexpected'], // a UTF8String file name where IA5String is required
  'badMFTHashAlg.mft': ['mft.file-hash-alg.unsupported', 'mft.file-hash.length'],
  'badMFTHashAlgSameLength.mft': ['mft.file-hash-alg.unsupported'],
  'badMFTHashOctetStr.mft': ['der.truncated'], // BBN changed the tag without fixing the enclosing lengths
  'badMFTNegNum.mft': ['mft.manifest-number.negative'],
  'badMFTNextUpdUTC.mft': ['der.tag.unexpected'], // UTCTime where GeneralizedTime is required
  'badMFTNoNum.mft': ['der.tag.unexpected'], // GeneralizedTime where the manifestNumber INTEGER is required
  'badMFTNumTooBig.mft': ['mft.manifest-number.too-long'],
  'badMFTThisUpdUTC.mft': ['der.truncated'], // a 13-octet UTCTime where the enclosing lengths still count a 15-octet GeneralizedTime
  'badMFTUpdCrossed.mft': ['der.truncated'], // BBN also cut the EE key short (a 255-octet BIT STRING for a 2048-bit key); see the eContent test below
  'badMFTVersion0.mft': ['der.tag.unexpected'], // version [0] IMPLICIT (80 01 00); the module uses EXPLICIT TAGS
  'badMFTVersion1.mft': ['der.truncated'], // the eContent OCTET STRING is shorter than the Manifest it holds
  'badMFTWrongType.mft': ['cms.e-content-type.unexpected'],
  'badCMS2Certs.roa': ['cms.certificates.count'],
  'badCMS2DigestAlgs.roa': ['cms.digest-algorithms.count'],
  'badCMS2SigInfo.roa': ['cms.signer-infos.count'],
  'badCMSContentType.roa': ['cms.content-type.not-signed-data'],
  'badCMSDigestAlgSameWrong.roa': ['cms.digest-algorithm.unsupported', 'cms.signer-info.digest-algorithm.unsupported'],
  'badCMSDigestAlgWrongOuter.roa': ['cms.digest-algorithm.unsupported'],
  'badCMSHasCRL.roa': ['cms.crls.present'],
  'badCMSNoCerts.roa': ['cms.certificates.count'],
  'badCMSNoDigestAlgs.roa': ['cms.digest-algorithms.count'],
  'badCMSNoSigInfo.roa': ['cms.signer-infos.count'],
  'badCMSSigInfo2Sig.roa': ['der.trailing-bytes'], // a second signature OCTET STRING after the first
  'badCMSSigInfoAttrs2BinSigTime.roa': ['cms.signed-attrs.duplicate'],
  'badCMSSigInfoAttrs2ContType.roa': ['cms.signed-attrs.duplicate'],
  'badCMSSigInfoAttrs2MsgDigest.roa': ['cms.signed-attrs.duplicate'],
  'badCMSSigInfoAttrs2SigTime.roa': ['cms.signed-attrs.duplicate'],
  'badCMSSigInfoAttrsBinSigTime0Val.roa': ['cms.signed-attrs.value-count'],
  'badCMSSigInfoAttrsBinSigTime2Val.roa': ['cms.signed-attrs.value-count'],
  'badCMSSigInfoAttrsContType0Val.roa': ['cms.signed-attrs.value-count', 'cms.content-type-attr.missing'],
  'badCMSSigInfoAttrsContType2Val.roa': ['cms.signed-attrs.value-count', 'cms.content-type-attr.missing'],
  'badCMSSigInfoAttrsContTypeOid.roa': ['cms.content-type-attr.mismatch'],
  'badCMSSigInfoAttrsMsgDigest0Val.roa': ['cms.signed-attrs.value-count', 'cms.message-digest.missing'],
  'badCMSSigInfoAttrsMsgDigest2Val.roa': ['cms.signed-attrs.value-count', 'cms.message-digest.missing'],
  'badCMSSigInfoAttrsNoContType.roa': ['cms.content-type-attr.missing'],
  'badCMSSigInfoAttrsNoMsgDigest.roa': ['cms.message-digest.missing'],
  'badCMSSigInfoAttrsSigTime0Val.roa': ['cms.signed-attrs.value-count'],
  'badCMSSigInfoAttrsSigTime2Val.roa': ['cms.signed-attrs.value-count'],
  'badCMSSigInfoForbiddenAttr.roa': ['cms.signed-attrs.forbidden'],
  'badCMSSigInfoHashAlg.roa': ['cms.signer-info.digest-algorithm.unsupported'],
  'badCMSSigInfoNoAttrs.roa': ['cms.signed-attrs.missing'],
  'badCMSSigInfoNoHashAlg.roa': ['der.tag.unexpected'], // the signedAttrs [0] where the digestAlgorithm SEQUENCE is required
  'badCMSSigInfoNoSid.roa': ['der.tag.missing'], // the digestAlgorithm follows the version directly
  'badCMSSigInfoNoSig.roa': ['der.truncated'], // the enclosing lengths still count the removed signature
  'badCMSSigInfoUnSigAttrs.roa': ['cms.unsigned-attrs.present'],
  'badCMSSigInfoVersion.roa': ['cms.signer-info.version.invalid'],
  'badCMSSigInfoVersion4.roa': ['cms.signer-info.version.invalid'],
  'badCMSSigInfoWrongSid.roa': ['cms.signer-info.sid.not-ski'],
  'badCMSVersion2.roa': ['cms.version.invalid'],
  'badCMSVersion4.roa': ['cms.version.invalid'],
  'badGBRExtraProperty.gbr': ['gbr.vcard.property-forbidden'],
  'badGBRNoContact.gbr': ['gbr.vcard.no-contact'],
  'badGBRNotVCard.gbr': ['gbr.vcard.invalid'],
  'badGBRWrongOID.gbr': ['cms.e-content-type.unexpected'],
  'badROAASIDLarge.roa': ['der.value.out-of-range'], // asID 2^32
  'badROAASIDSmall.roa': ['der.value.out-of-range'], // asID -1
  'badROAFamily.roa': ['roa.address-family.invalid'],
  'badROAFamilyLth.roa': ['roa.address-family.invalid'],
  'badROAIPv4MaxLthLong.roa': ['roa.max-length.too-large'],
  'badROAIPv4MaxLthShort.roa': ['roa.max-length.below-prefix'],
  'badROAIPv4PrefixLong.roa': ['resources.ip.address-too-long'],
  'badROAIPv6MaxLthLong.roa': ['roa.max-length.too-large'],
  'badROAIPv6MaxLthShort.roa': ['roa.max-length.below-prefix'],
  'badROAIPv6PrefixLong.roa': ['resources.ip.address-too-long'],
  'badROAVersionV1Explicit.roa': ['der.tag.unexpected'], // version [0] IMPLICIT (80 01 00); the module uses EXPLICIT TAGS
  'badROAVersionV1ExplicitBadSig.roa': ['der.tag.unexpected'], // version [0] IMPLICIT (80 01 00); the module uses EXPLICIT TAGS
  'badROAVersionV2.roa': ['der.tag.unexpected'], // version [0] IMPLICIT (80 01 01); the module uses EXPLICIT TAGS
  'badROAWrongType.roa': ['cms.e-content-type.unexpected'],
};

/** bad* files that decode cleanly and fail the profile checks on the object alone (stage 'inspect'). */
const INSPECT: Record<string, string[]> = {
  'badMFTASNotInherit.mft': ['mft.ee.resources-not-inherit'],
  'badMFTIPv4NotInherit.mft': ['mft.ee.resources-not-inherit'],
  'badMFTIPv6NotInherit.mft': ['mft.ee.resources-not-inherit'],
  'badMFTStartCrossed.mft': ['mft.ee.validity-mismatch'],
  'badMFTEndCrossed.mft': ['mft.ee.validity-mismatch'],
  'badMFTNextUpdPast.mft': ['mft.ee.validity-mismatch'], // stale, and its nextUpdate is also after the EE notAfter
  'badCMSSigInfoBadSid.roa': ['cms.signer-info.sid.mismatch'],
  'badEEHasBasicConstraints.roa': ['cert.basic-constraints.not-ca'],
  'badEEHasCABasicConstraint.roa': ['cms.ee-cert.not-ee'],
  'badEEKeyUsageHasKeyCertSignCABool.roa': ['cms.ee-cert.not-ee'],
  'badEEHasEKU.roa': ['cert.eku.present'],
  'badEEKeyUsageCABits.roa': ['cert.key-usage.ee-bits'],
  'badEEKeyUsageHasCRLSign.roa': ['cert.key-usage.ee-bits'],
  'badEEKeyUsageHasKeyCertSign.roa': ['cert.key-usage.ee-bits'],
  'badEEKeyUsageHasNonRepu.roa': ['cert.key-usage.ee-bits'],
  'badEEKeyUsageNoDigitalSig.roa': ['cert.key-usage.ee-bits'],
  'badEESIAExtraWrongAccessMethod.roa': ['cert.sia.access-method'],
  'badEESIAWrongAccessMethod.roa': ['cert.sia.access-method'],
  'badEESIANoRsync.roa': ['cert.sia.signed-object.missing'],
  'badGBRASNotInherit.gbr': ['gbr.ee.resources-not-inherit'],
  'badGBRIPv4NotInherit.gbr': ['gbr.ee.resources-not-inherit'],
  'badGBRIPv6NotInherit.gbr': ['gbr.ee.resources-not-inherit'],
  'badROAIPv4Inherit.roa': ['roa.ee.ip-resources.inherit'],
  'badROAIPv6Inherit.roa': ['roa.ee.ip-resources.inherit'],
};

/** bad* ROAs whose prefixes leave the EE certificate resources: clean at decode, caught at inspect (RFC 9582 §5). */
const OUTSIDE_EE = [
  'badROAIP2Big.roa',
  'badROAIPv4ExtraPfxAbovePfx.roa',
  'badROAIPv4ExtraPfxAboveRange.roa',
  'badROAIPv4ExtraPfxBelowPfx.roa',
  'badROAIPv4ExtraPfxBelowRange.roa',
  'badROAIPv4GoodIPv6Bad.roa',
  'badROAIPv4OnlyPfxAbovePfxNoGap.roa',
  'badROAIPv4OnlyPfxAboveRangeNoGap.roa',
  'badROAIPv4OnlyPfxBelowPfxNoGap.roa',
  'badROAIPv4OnlyPfxBelowRangeNoGap.roa',
  'badROAIPv4OnlyPfxBetweenPfxPfxNoGaps.roa',
  'badROAIPv4OnlyPfxBetweenPfxRangeNoGaps.roa',
  'badROAIPv4OnlyPfxBetweenRangePfxNoGaps.roa',
  'badROAIPv4OnlyPfxBetweenRangeRangeNoGaps.roa',
  'badROAIPv4OnlyPfxOverlapHighRange.roa',
  'badROAIPv4OnlyPfxOverlapLowRange.roa',
  'badROAIPv4OnlyPfxSpanPfxes.roa',
  'badROAIPv4OnlyPfxSpanRanges.roa',
  'badROAIPv4OnlyPfxSupersetHighPfx.roa',
  'badROAIPv4OnlyPfxSupersetHighRange.roa',
  'badROAIPv4OnlyPfxSupersetLowPfx.roa',
  'badROAIPv4OnlyPfxSupersetLowRange.roa',
  'badROAIPv4OnlyPfxTouchRanges.roa',
  'badROAIPv6ExtraPfxAbovePfx.roa',
  'badROAIPv6ExtraPfxAboveRange.roa',
  'badROAIPv6ExtraPfxBelowPfx.roa',
  'badROAIPv6ExtraPfxBelowRange.roa',
  'badROAIPv6GoodIPv4Bad.roa',
  'badROAIPv6OnlyPfxAbovePfxNoGap.roa',
  'badROAIPv6OnlyPfxAboveRangeNoGap.roa',
  'badROAIPv6OnlyPfxBelowPfxNoGap.roa',
  'badROAIPv6OnlyPfxBelowRangeNoGap.roa',
  'badROAIPv6OnlyPfxBetweenPfxPfxNoGaps.roa',
  'badROAIPv6OnlyPfxBetweenPfxRangeNoGaps.roa',
  'badROAIPv6OnlyPfxBetweenRangePfxNoGaps.roa',
  'badROAIPv6OnlyPfxBetweenRangeRangeNoGaps.roa',
  'badROAIPv6OnlyPfxOverlapHighRange.roa',
  'badROAIPv6OnlyPfxOverlapLowRange.roa',
  'badROAIPv6OnlyPfxSpanPfxes.roa',
  'badROAIPv6OnlyPfxSpanRanges.roa',
  'badROAIPv6OnlyPfxSupersetHighPfx.roa',
  'badROAIPv6OnlyPfxSupersetHighRange.roa',
  'badROAIPv6OnlyPfxSupersetLowPfx.roa',
  'badROAIPv6OnlyPfxSupersetLowRange.roa',
  'badROAIPv6OnlyPfxTouchRanges.roa',
];

/** bad* files nothing but the issuer, a digest or the clock can catch: decode and inspect must let them through. */
const NEEDS_VERIFY: Record<string, string> = {
  'badCMSSigInfoBadSigVal.roa': 'the CMS signature is wrong: needs an RSA verification with the EE key (verify stage)',
  'badCMSSigInfoAttrsWrongDigest.roa': 'the message-digest is not the SHA-256 of the eContent: needs the digest (verify stage)',
  'badEEBadSig.roa': "the EE certificate's signature is wrong: needs the issuer's key (verify stage)",
  'badMFTThisUpdFuture.mft': 'thisUpdate is after the evaluation time: needs the clock (walk stage, RFC 9286 §6.3)',
};

/** bad* files that are acceptable under the RFCs in force today. */
const SUPERSEDED: Record<string, string> = {
  'badCMSSigInfoWrongSigAlg.roa':
    'SignerInfo.signatureAlgorithm rsaEncryption: wrong under RFC 6485 (2011), allowed by RFC 7935 §2 (which obsoletes it); rpki-client accepts it too',
};

/** good* files that the current RFCs reject. */
const GOOD_BUT_REJECTED: Record<string, string[]> = {
  // Not BBN's: added by RIPE NCC in 2016, a real record in vCard 3.0 with an N property (RFC 6493 §5: 4.0, no N).
  'goodRealGbrNothingIsWrong.gbr': ['gbr.vcard.version', 'gbr.vcard.property-forbidden'],
};

interface Outcome {
  decode: string[];
  inspect: string[];
}

function errorCodes(list: Finding[]): string[] {
  return list.filter((f) => f.severity === 'error').map((f) => f.code);
}

/** The errors of one file, split by the stage of the check that ran. */
function outcome(path: string): Outcome {
  const findings = new Findings();
  let inspectFrom = -1;
  try {
    const bytes = fixture(path);
    if (path.endsWith('.roa')) {
      const v = readRoa(bytes, findings);
      inspectFrom = findings.list.length;
      inspectRoa(v, findings);
    } else if (path.endsWith('.mft')) {
      const v = readManifest(bytes, findings);
      inspectFrom = findings.list.length;
      inspectManifest(v, findings);
    } else {
      const v = readGbr(bytes, findings);
      inspectFrom = findings.list.length;
      inspectGbr(v, findings);
    }
  } catch (e) {
    if (!(e instanceof Reject)) throw e;
    findings.list.push(e.toFinding());
  }
  if (inspectFrom < 0) return { decode: errorCodes(findings.list), inspect: [] };
  return {
    decode: errorCodes(findings.list.slice(0, inspectFrom)),
    inspect: errorCodes(findings.list.slice(inspectFrom)).filter((c) => c !== EVERY_BBN_ROA),
  };
}

const files = fixtureFiles(ROOT, (f) => /\/(bad|good)[^/]*\.(roa|mft|gbr)$/.test(f));
const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const bad = new Map(files.filter((p) => name(p).startsWith('bad')).map((p) => [name(p), p]));
const good = files.filter((p) => name(p).startsWith('good'));

function badFile(file: string): string {
  const path = bad.get(file);
  if (!path) throw new Error(`${file} is not in the suite`);
  return path;
}

describe('BBN conformance suite: ROAs, manifests, Ghostbusters records', () => {
  it('has every bad* file in exactly one table', () => {
    const tables = [Object.keys(DECODE), Object.keys(INSPECT), OUTSIDE_EE, Object.keys(NEEDS_VERIFY), Object.keys(SUPERSEDED)];
    expect([...bad.keys()].sort()).toEqual(tables.flat().sort());
    expect(bad.size).toBe(147);
  });

  it.each(Object.entries(DECODE))('rejects %s at decode', (file, codes) => {
    expect(outcome(badFile(file)).decode).toEqual(codes);
  });

  it.each(Object.entries(INSPECT))('accepts %s at decode and rejects it at inspect', (file, codes) => {
    const o = outcome(badFile(file));
    expect(o.decode).toEqual([]);
    for (const code of codes) expect(o.inspect).toContain(code);
  });

  it.each(OUTSIDE_EE)('accepts %s at decode and finds its prefix outside the EE resources at inspect', (file) => {
    expect(outcome(badFile(file))).toEqual({ decode: [], inspect: ['roa.prefix.outside-ee'] });
  });

  it.each(Object.entries(NEEDS_VERIFY))('lets %s through decode and inspect: %s', (file) => {
    expect(outcome(badFile(file))).toEqual({ decode: [], inspect: [] });
  });

  it.each(Object.entries(SUPERSEDED))('accepts %s: %s', (file) => {
    expect(outcome(badFile(file))).toEqual({ decode: [], inspect: [] });
  });

  it('accepts every good* file at decode and inspect, but for the AS resources of the 2011 ROA EE certificates', () => {
    expect(good).toHaveLength(44);
    for (const path of good) {
      expect(outcome(path), path).toEqual({ decode: GOOD_BUT_REJECTED[name(path)] ?? [], inspect: [] });
    }
    const roas = good.filter((p) => p.endsWith('.roa'));
    expect(roas).toHaveLength(36);
    for (const path of roas) {
      const findings = new Findings();
      inspectRoa(readRoa(fixture(path), findings), findings);
      const errors = findings.list.filter((f) => f.severity === 'error').map((f) => `${f.stage}:${f.code}`);
      expect(errors, path).toEqual([`inspect:${EVERY_BBN_ROA}`]);
    }
  });

  it('finds the intended defect of badMFTUpdCrossed in its eContent, behind the broken EE certificate', () => {
    // openssl asn1parse: the eContent OCTET STRING at offset 60, two header octets, 108 octets of content
    const eContent = fixture(`${ROOT}/MFTUpdCrossed/badMFTUpdCrossed.mft`).subarray(62, 170);
    expect(decodeManifestContent(eContent).findings.map((f) => `${f.stage}:${f.code}`)).toEqual(['decode:mft.update.order']);
  });
});
