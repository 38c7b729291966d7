import { createHash, createPublicKey, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DerReader, type Tlv } from '../der/reader.ts';
import { hex, readOid } from '../der/values.ts';
import { Findings } from '../report/finding.ts';
import { fixture } from '../../testing/fixtures.ts';
import { testSigner } from '../../testing/signed-objects.ts';
import { aspaContent } from '../builder/aspa.ts';
import { bitString, encode, integer, octetString, sequence } from '../der/writer.ts';
import type { ClaimedResources } from '../resources/resource-set.ts';
import { inspectAspa, readAspa } from './aspa.ts';
import { inspectSpl, readSpl } from './spl.ts';
import { ECDSA_WITH_SHA256 } from '../x509/algorithm.ts';
import { ctxc, int, octets, oid, seq, set, time, tlv } from '../x509/test-der.ts';
import {
  EContentType,
  SHA256,
  decodeEContent,
  decodeSignedObject,
  inspectSignedObject,
  readEContentVersion,
  readSignedObject,
  type SignedObject,
} from './signed-object.ts';

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

describe('crafted CMS defects (RFC 6488 §2.1, RFC 5652 §5)', () => {
  const bytes = fixture(FORGE_ROA);
  // Child indexes from the ContentInfo: content [0] → SignedData → field, and signerInfos → SignerInfo → field.
  const SIGNED_DATA = [1, 0];
  const SIGNER_INFO = [...SIGNED_DATA, 4, 0];
  const ATTR_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
  const ATTR_SIGNING_TIME = '1.2.840.113549.1.9.5';

  /** The object with the TLV at `path` (child indexes) replaced by `by(it)`, every enclosing length recomputed. */
  function rebuilt(path: readonly number[], by: (t: Tlv) => Uint8Array, t: Tlv = DerReader.of(bytes, 'test').read()): Uint8Array {
    if (path.length === 0) return by(t);
    return tlv(t.tag, ...t.children().each().map((c, i) => (i === path[0] ? rebuilt(path.slice(1), by, c) : c.bytes)));
  }
  /** The object with the value of the signed attribute `type` replaced. */
  const withAttr = (type: string, value: Uint8Array) =>
    rebuilt([...SIGNER_INFO, 3], (attrs) => {
      const list = attrs.children().each();
      expect(list.some((a) => readOid(a.children().read()) === type)).toBe(true);
      return tlv(attrs.tag, ...list.map((a) => (readOid(a.children().read()) === type ? seq(oid(type), set(value)) : a.bytes)));
    });
  const outcome = (b: Uint8Array) => {
    const d = decodeSignedObject(b);
    return { ok: d.ok, findings: d.findings.map((f) => [f.code, f.severity, f.stage]) };
  };

  it('rejects algorithm parameters other than absent or NULL (RFC 7935 §2)', () => {
    const withParams = seq(oid(SHA256), octets([]));
    for (const [path, field] of [[[...SIGNED_DATA, 1], 'digestAlgorithms'], [[...SIGNER_INFO, 2], 'SignerInfo.digestAlgorithm']] as const) {
      const b = rebuilt(path, (t) => (t.tag === 0x31 ? set(withParams) : withParams));
      const d = decodeSignedObject(b);
      expect(outcome(b)).toEqual({ ok: false, findings: [['cms.algorithm.parameters-invalid', 'error', 'decode']] });
      expect(d.findings[0].params.field).toBe(field);
      expect(hex(b.subarray(d.findings[0].at!.start, d.findings[0].at!.end))).toBe(hex(octets([])));
    }
  });

  it('rejects encapContentInfo without eContent (§2.1.3.2)', () => {
    const b = rebuilt([...SIGNED_DATA, 2], () => seq(oid(EContentType.roa)));
    expect(outcome(b)).toEqual({ ok: false, findings: [['cms.e-content.missing', 'error', 'decode']] });
  });

  it('rejects a signature algorithm other than RSA (§2.1.6.5)', () => {
    const b = rebuilt([...SIGNER_INFO, 4], () => seq(oid(ECDSA_WITH_SHA256)));
    expect(outcome(b)).toEqual({ ok: false, findings: [['cms.signature-algorithm.unsupported', 'error', 'decode']] });
    expect(decodeSignedObject(b).findings[0].params.oid).toBe(ECDSA_WITH_SHA256);
  });

  it('rejects a message-digest that is not 32 bytes long (§2.1.6.4.2)', () => {
    const b = withAttr(ATTR_MESSAGE_DIGEST, octets(new Uint8Array(20)));
    expect(outcome(b)).toEqual({ ok: false, findings: [['cms.message-digest.length', 'error', 'decode']] });
    expect(decodeSignedObject(b).findings[0].params.length).toBe(20);
  });

  it('warns about a GeneralizedTime signing-time before 2050, not from 2050 on (RFC 5652 §11.3)', () => {
    // The forge ROA's signing-time, Nov 19 23:00:00 2026, as a GeneralizedTime.
    const b = withAttr(ATTR_SIGNING_TIME, time('2026-11-19T23:00:00Z', true));
    expect(outcome(b)).toEqual({ ok: true, findings: [['cms.signing-time.generalized', 'warning', 'decode']] });
    expect(decoded(FORGE_ROA, b).signerInfo.signingTime).toBe(Date.UTC(2026, 10, 19, 23, 0, 0) / 1000);
    expect(outcome(withAttr(ATTR_SIGNING_TIME, time('2050-01-01T00:00:00Z')))).toEqual({ ok: true, findings: [] });
  });

  it('re-encodes signed attributes with a non-minimal length to the DER the signature covers (RFC 5652 §5.4)', () => {
    const b = rebuilt([...SIGNER_INFO, 3], (attrs) => {
      expect(attrs.length).toBeLessThan(256);
      return Uint8Array.from([attrs.tag, 0x82, 0x00, attrs.length, ...attrs.content]);
    });
    expect(outcome(b)).toEqual({
      ok: true,
      findings: [
        ['der.ber.length-non-minimal', 'warning', 'decode'],
        ['cms.signed-attrs.ber', 'warning', 'decode'],
      ],
    });
    const so = decoded(FORGE_ROA, b);
    expect(hex(so.signerInfo.signedAttrs)).toBe(hex(decoded(FORGE_ROA).signerInfo.signedAttrs));
    expect(signatureVerifies(so)).toBe(true);
  });

  it('rejects an eContent version encoded as its DEFAULT 0 (X.690 §11.5)', () => {
    // version [0] EXPLICIT INTEGER DEFAULT 0, then the next field of the eContent.
    const version = (b: Uint8Array) => {
      const d = decodeEContent(b, (r, f) => readEContentVersion(r, f).version);
      return { ok: d.ok, version: d.value, findings: d.findings.map((f) => [f.code, f.severity, f.stage]) };
    };
    expect(version(int(64500))).toEqual({ ok: true, version: 0, findings: [] });
    expect(version(new Uint8Array([...ctxc(0, int(1)), ...int(64500)]))).toEqual({ ok: true, version: 1, findings: [] });
    expect(version(new Uint8Array([...ctxc(0, int(0)), ...int(64500)]))).toEqual({
      ok: false,
      version: 0,
      findings: [['cms.e-content.version-default-encoded', 'error', 'decode']],
    });
  });
});

describe('checkAsOnlyEe: the EE certificate of an object that speaks for one AS', () => {
  const { sign } = testSigner('as-only-ee');
  const as = (min: number, max = min): ClaimedResources['as'] => ({ asnum: [{ min, max }] });
  const kinds = [
    {
      // draft-ietf-sidrops-aspa-profile §4: AS resources only, explicit, containing the customer
      kind: 'ASPA',
      asn: 64500,
      object: { eContentType: EContentType.aspa, eContent: aspaContent({ customer: 64500, providers: [64501] }), uri: 'rsync://example.net/repo/ca/AS64500.asa' },
      inspect: (bytes: Uint8Array, findings: Findings) => inspectAspa(readAspa(bytes, findings), findings),
      codes: { ipPresent: 'aspa.ee.ip-resources.present', asMissing: 'aspa.ee.as-resources.missing', asInherit: 'aspa.ee.as-resources.inherit', outside: 'aspa.customer.outside-ee' },
    },
    {
      // draft-ietf-sidrops-rpki-prefixlist §5: the same for the list's asID
      kind: 'signed prefix list',
      asn: 64,
      object: {
        eContentType: EContentType.spl,
        eContent: encode(sequence(integer(64), sequence(sequence(octetString(Uint8Array.of(0, 1)), sequence(bitString(Uint8Array.of(192, 0, 2))))))),
        uri: 'rsync://example.net/repo/ca/AS64.spl',
      },
      inspect: (bytes: Uint8Array, findings: Findings) => inspectSpl(readSpl(bytes, findings), findings),
      codes: { ipPresent: 'spl.ee.ip-resources.present', asMissing: 'spl.ee.as-resources.missing', asInherit: 'spl.ee.as-resources.inherit', outside: 'spl.as-id.outside-ee' },
    },
  ];
  for (const { kind, asn, object, inspect, codes } of kinds) {
    /** The findings of reading and inspecting the object signed under an EE certificate holding `resources`. */
    const inspected = async (resources: ClaimedResources) => {
      const findings = new Findings();
      inspect(await sign({ ...object, resources }), findings);
      return findings.list.map((f) => [f.code, f.severity, f.stage]);
    };

    describe(kind, () => {
      it('accepts an EE certificate holding exactly its AS', async () => {
        expect(await inspected({ as: as(asn) })).toEqual([]);
      });

      it('rejects IP resources beside the AS resources', async () => {
        expect(await inspected({ as: as(asn), ip: { ipv4: [{ min: 0xc0000200n, max: 0xc00002ffn }] } })).toEqual([[codes.ipPresent, 'error', 'inspect']]);
      });

      it('rejects an EE certificate without AS resources (and, RFC 6487 §4.8.10–11, without any resources)', async () => {
        expect(await inspected({})).toEqual([
          ['cert.resources.missing', 'error', 'inspect'],
          [codes.asMissing, 'error', 'inspect'],
        ]);
      });

      it('rejects inherited AS resources', async () => {
        expect(await inspected({ as: { asnum: 'inherit' } })).toEqual([[codes.asInherit, 'error', 'inspect']]);
      });

      it('rejects an AS outside the EE certificate AS resources', async () => {
        expect(await inspected({ as: as(asn + 1, asn + 10) })).toEqual([[codes.outside, 'error', 'inspect']]);
      });
    });
  }
});
