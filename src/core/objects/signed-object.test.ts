import { createHash, createPublicKey, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DerReader, type Tlv } from '../der/reader.ts';
import { hex } from '../der/values.ts';
import { Findings } from '../report/finding.ts';
import { fixture } from '../../testing/fixtures.ts';
import { EContentType, decodeSignedObject, inspectSignedObject, readSignedObject, type SignedObject } from './signed-object.ts';

const FORGE_ROA = 'forge/medium/repo/rpki.example.net/repo/rir4/m00160/r19-AS11273.roa';
const BER_ROA = 'real/nlnetlabs-rpki-rs/repository/example-ripe.roa';
const BBN = 'real/ripe-ncc-rpki-commons/conformance/root';

function decoded(path: string, bytes = fixture(path)): SignedObject {
  const d = decodeSignedObject(bytes);
  if (!d.ok) throw new Error(`${path}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

function errors(bytes: Uint8Array, expected?: string): string[] {
  const d = decodeSignedObject(bytes, expected ? { eContentType: expected } : undefined);
  return d.findings.filter((f) => f.severity === 'error').map((f) => `${f.stage}:${f.code}`);
}

/** A copy of `bytes` with the first occurrence of `pattern` changed at `index` within it. */
function patched(bytes: Uint8Array, pattern: number[], index: number, value: number): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + pattern.length <= out.length; i++) {
    if (pattern.every((b, j) => out[i + j] === b)) {
      out[i + index] = value;
      return out;
    }
  }
  throw new Error('pattern not found');
}

/** The TLV with indefinite lengths along `path` (child indexes), everything else copied. */
function indefinite(t: Tlv, path: number[]): number[] {
  const children = t.children().each();
  const body = children.flatMap((c, i) => (path.length > 0 && i === path[0] ? indefinite(c, path.slice(1)) : [...c.bytes]));
  return [t.tag, 0x80, ...body, 0, 0];
}

/** The signature over the re-tagged signed attributes verifies with the EE key (RFC 5652 §5.4). */
function signatureVerifies(so: SignedObject): boolean {
  const key = createPublicKey({ key: Buffer.from(so.ee.spki), format: 'der', type: 'spki' });
  return createVerify('sha256').update(so.signerInfo.signedAttrs).verify(key, so.signerInfo.signature);
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

// DER of id-signedData, of the content-type attribute type followed by its value set, and of the two versions.
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
const CONTENT_TYPE_ATTR = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03, 0x31, 0x0d, 0x06, 0x0b];
const ECONTENT_TYPE_ROA = [0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x18, 0xa0];
const SIGNED_DATA_VERSION = [0x02, 0x01, 0x03, 0x31];
const SIGNER_INFO_VERSION = [0x02, 0x01, 0x03, 0x80, 0x14];

describe('decodeSignedObject (RFC 6488)', () => {
  it('reads a DER ROA of the forge repository without copying the eContent', () => {
    const bytes = fixture(FORGE_ROA);
    const so = decoded(FORGE_ROA, bytes);
    expect(so.eContentType).toBe(EContentType.roa);
    // openssl asn1parse: the eContent OCTET STRING at 58, 2 header octets, 24 octets of content
    expect(so.eContentOffset).toBe(60);
    expect(so.eContent.buffer).toBe(bytes.buffer);
    expect(hex(so.eContent)).toBe('301602022c093010300e0402000130083006030403940018');
    const si = so.signerInfo;
    expect(si.version).toBe(3);
    expect(si.digestAlgorithm).toBe('2.16.840.1.101.3.4.2.1');
    expect(si.signatureAlgorithm).toBe('1.2.840.113549.1.1.1'); // rsaEncryption, allowed by RFC 7935 §2
    expect(si.contentType).toBe(EContentType.roa);
    expect(si.sid).toBe(so.ee.ski);
    // openssl cms -cmsout -print: signingTime Nov 19 23:00:00 2026 GMT
    expect(si.signingTime).toBe(Date.UTC(2026, 10, 19, 23, 0, 0) / 1000);
    expect(si.binarySigningTime).toBeUndefined();
    expect(si.signature.length).toBe(256);
    expect(hex(si.messageDigest)).toBe(sha256(so.eContent));
    expect(so.ee.kind).toBe('ee');
    expect(so.eeRange.start).toBeGreaterThan(so.eContentOffset ?? 0);
  });

  it('keeps the signed attributes as the SET OF the signature covers', () => {
    const so = decoded(FORGE_ROA);
    const bytes = fixture(FORGE_ROA);
    const attrs = so.signerInfo.signedAttrs;
    expect(attrs[0]).toBe(0x31);
    // The rest of the encoding is the [0] IMPLICIT field of the file, byte for byte, at its place in the file.
    const at = bytes.findIndex((_, i) => bytes[i] === 0xa0 && hex(bytes.subarray(i + 1, i + attrs.length)) === hex(attrs.subarray(1)));
    expect(at).toBeGreaterThan(so.eeRange.end);
    expect(bytes[at]).toBe(0xa0);
    expect(attrs.buffer).not.toBe(bytes.buffer);
    expect(signatureVerifies(so)).toBe(true);
  });

  it('accepts the BER wrapper of example-ripe.roa with one warning each and still verifies its signature', () => {
    const d = decodeSignedObject(fixture(BER_ROA));
    expect(d.ok).toBe(true);
    expect(d.findings.map((f) => f.code)).toEqual(['der.ber.indefinite-length', 'der.ber.constructed-string']);
    if (!d.ok) return;
    const so = d.value;
    // openssl cms -cmsout -print: signer SKI, signing time and message digest of this object
    expect(so.signerInfo.sid).toBe('61879c60a53523a47e847a710eb387effcf3c95c');
    expect(so.signerInfo.signingTime).toBe(Date.UTC(2019, 5, 6, 21, 44, 45) / 1000);
    expect(hex(so.signerInfo.messageDigest)).toBe('505ae3cc9c0bfed5b068983873982af753fd8db282b7ff41086989e585946516');
    // The eContent arrived as OCTET STRING segments: it is a joined copy, without an offset into the file.
    expect(so.eContentOffset).toBeUndefined();
    expect(sha256(so.eContent)).toBe(hex(so.signerInfo.messageDigest));
    expect(signatureVerifies(so)).toBe(true);
  });

  it('re-encodes BER signed attributes to the DER the signature covers, and says so', () => {
    const bytes = fixture(FORGE_ROA);
    // ContentInfo → content → SignedData → signerInfos → SignerInfo → signedAttrs, all made indefinite-length
    const ber = Uint8Array.from(indefinite(DerReader.of(bytes, 'test').read(), [1, 0, 4, 0, 3]));
    expect(ber.length).toBeGreaterThan(bytes.length);
    const d = decodeSignedObject(ber);
    expect(d.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:der.ber.indefinite-length', 'warning:cms.signed-attrs.ber']);
    if (!d.ok) return;
    expect(hex(d.value.signerInfo.signedAttrs)).toBe(hex(decoded(FORGE_ROA).signerInfo.signedAttrs));
    expect(signatureVerifies(d.value)).toBe(true);
  });

  it('verifies the signature of a 2011 BBN object without signing-time, reporting the RFC 9589 rule as a warning', () => {
    const d = decodeSignedObject(fixture(`${BBN}/goodROANothingWrong.roa`));
    expect(d.ok).toBe(true);
    const missing = d.findings.find((f) => f.code === 'cms.signing-time.missing');
    expect(missing?.severity).toBe('warning');
    expect(missing?.spec).toEqual({ rfc: 9589, section: '4' });
    if (d.ok) {
      expect(d.value.signerInfo.signingTime).toBeUndefined();
      expect(signatureVerifies(d.value)).toBe(true);
    }
  });

  it('rejects an object of another type than expected', () => {
    const bytes = fixture(FORGE_ROA);
    expect(errors(bytes, EContentType.mft)).toEqual(['decode:cms.e-content-type.unexpected']);
    expect(errors(bytes, EContentType.roa)).toEqual([]);
  });

  it('reports crafted defects by code and stage', () => {
    const bytes = fixture(FORGE_ROA);
    expect(errors(patched(bytes, SIGNED_DATA_OID, 10, 0x01))).toEqual(['decode:cms.content-type.not-signed-data']);
    expect(errors(patched(bytes, SIGNED_DATA_VERSION, 2, 0x04))).toEqual(['decode:cms.version.invalid']);
    expect(errors(patched(bytes, SIGNER_INFO_VERSION, 2, 0x01))).toEqual(['decode:cms.signer-info.version.invalid']);
    // content-type attribute says manifest (…1.26) while the eContentType says ROA
    expect(errors(patched(bytes, CONTENT_TYPE_ATTR, CONTENT_TYPE_ATTR.length + 10, 0x1a))).toEqual([
      'decode:cms.content-type-attr.mismatch',
    ]);
    // eContentType says manifest while the attribute says ROA: a mismatch, and the wrong type for a ROA
    const relabelled = patched(bytes, ECONTENT_TYPE_ROA, 12, 0x1a);
    expect(errors(relabelled)).toEqual(['decode:cms.content-type-attr.mismatch']);
    expect(errors(relabelled, EContentType.roa)).toEqual(['decode:cms.e-content-type.unexpected']);
  });

  it('never throws on hostile input: truncations, byte flips, garbage', () => {
    const bytes = fixture(FORGE_ROA);
    for (let n = 0; n < bytes.length; n += 5) {
      const d = decodeSignedObject(bytes.subarray(0, n));
      expect(d.ok).toBe(false);
    }
    for (let i = 0; i < bytes.length; i += 3) {
      const flipped = bytes.slice();
      flipped[i] ^= 0xff;
      const d = decodeSignedObject(flipped);
      expect(d.findings.some((f) => f.code === 'internal.bug')).toBe(false);
    }
    expect(errors(new Uint8Array(0))).toEqual(['decode:der.tag.missing']);
    // 32 bytes of SHA-256 before a valid ASPA (ties-rpki-rrdp-tools-py/AS203635.asa) is not an object
    expect(decodeSignedObject(fixture('real/ties-rpki-rrdp-tools-py/AS203635.asa')).ok).toBe(false);
  });
});

describe('inspectSignedObject', () => {
  it('finds nothing wrong with a forge ROA', () => {
    const findings = new Findings();
    inspectSignedObject(decoded(FORGE_ROA), findings);
    expect(findings.list).toEqual([]);
  });

  it('flags a SignerInfo naming another key (BBN badCMSSigInfoBadSid)', () => {
    const so = decoded(`${BBN}/badCMSSigInfoBadSid.roa`);
    const findings = new Findings();
    inspectSignedObject(so, findings);
    const f = findings.list.find((x) => x.code === 'cms.signer-info.sid.mismatch');
    expect(f?.stage).toBe('inspect');
    expect(f?.params.ski).toBe(so.ee.ski ?? '');
  });

  it('flags a CA certificate in the place of the EE certificate (BBN badEEHasCABasicConstraint)', () => {
    const findings = new Findings();
    inspectSignedObject(decoded(`${BBN}/badEEHasCABasicConstraint.roa`), findings);
    expect(findings.list.map((f) => f.code)).toContain('cms.ee-cert.not-ee');
  });

  it('warns about a signing-time before the EE certificate was valid (AfriNIC ROA of 2012)', () => {
    const findings = new Findings();
    const so = readSignedObject(fixture('real/ripe-ncc-rpki-commons/interop/misc-objects/6C76EDB2225D11E286C4BD8F7A2F2747.roa'), findings);
    // It also carries the forbidden smimeCapabilities attribute (1.2.840.113549.1.9.15).
    expect(findings.list.filter((f) => f.severity === 'error').map((f) => [f.code, f.params.oid])).toEqual([
      ['cms.signed-attrs.forbidden', '1.2.840.113549.1.9.15'],
    ]);
    inspectSignedObject(so, findings);
    const dating = findings.list.find((f) => f.code === 'cms.signing-time.outside-ee-validity');
    // openssl: signingTime Oct 30 06:45:42 2012 GMT, EE notBefore Oct 30 06:59:49 2012 GMT
    expect(dating?.params).toMatchObject({ time: '2012-10-30T06:45:42Z', notBefore: '2012-10-30T06:59:49Z' });
    expect(dating?.severity).toBe('warning');
  });
});
