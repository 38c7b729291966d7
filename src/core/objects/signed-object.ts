/**
 * RPKI signed objects, RFC 6488: a CMS SignedData (RFC 5652 §5) restricted to one SHA-256 digest, one EE
 * certificate, one signer named by subject key identifier and a fixed set of signed attributes.
 *
 *   ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY DEFINED BY contentType }
 *   SignedData ::= SEQUENCE {
 *     version CMSVersion, digestAlgorithms SET OF DigestAlgorithmIdentifier,
 *     encapContentInfo EncapsulatedContentInfo,
 *     certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
 *     signerInfos SET OF SignerInfo }
 *   EncapsulatedContentInfo ::= SEQUENCE { eContentType ContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
 *   SignerInfo ::= SEQUENCE {
 *     version CMSVersion, sid SignerIdentifier, digestAlgorithm DigestAlgorithmIdentifier,
 *     signedAttrs [0] IMPLICIT SET OF Attribute OPTIONAL, signatureAlgorithm SignatureAlgorithmIdentifier,
 *     signature OCTET STRING, unsignedAttrs [1] IMPLICIT SET OF Attribute OPTIONAL }
 *   SignerIdentifier ::= CHOICE { issuerAndSerialNumber IssuerAndSerialNumber,
 *                                 subjectKeyIdentifier [0] SubjectKeyIdentifier }
 *   Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }
 *
 * Real objects (early RIPE NCC, ARIN and LACNIC signers) use BER indefinite lengths and segmented OCTET STRINGs in
 * the CMS wrapper, so the wrapper is read with BER tolerated and one warning; the EE certificate and the eContent
 * must be DER. Byte offsets in findings are relative to the whole object.
 */
import { DER, DerReader, Tag, ctx, type Tlv } from '../der/reader.ts';
import { hex, readInt, readOctets, readOid, readTime } from '../der/values.ts';
import type { FindingCode } from '../report/catalog.ts';
import { asContains } from '../resources/resource-set.ts';
import { isoTime } from '../time.ts';
import { Findings, Reject, decodeWith, type ByteRange, type Decoded } from '../report/finding.ts';
import { decodeAlgorithmIdentifier, RSA_ENCRYPTION, SHA256_WITH_RSA } from '../x509/algorithm.ts';
import { inspectCert, readCertificate, type InspectCertOptions, type ResourceCert } from './cert.ts';

/** eContentType OIDs of the RPKI signed objects (IANA "RPKI Signed Objects" registry). */
export const EContentType = {
  roa: '1.2.840.113549.1.9.16.1.24', // RFC 9582 §3
  mft: '1.2.840.113549.1.9.16.1.26', // RFC 9286 §4.1
  gbr: '1.2.840.113549.1.9.16.1.35', // RFC 6493 §9.1
  rsc: '1.2.840.113549.1.9.16.1.48', // RFC 9323 §3
  aspa: '1.2.840.113549.1.9.16.1.49', // draft-ietf-sidrops-aspa-profile §2
  tak: '1.2.840.113549.1.9.16.1.50', // RFC 9691 §4.1
  spl: '1.2.840.113549.1.9.16.1.51', // draft-ietf-sidrops-rpki-prefixlist §2
} as const;

const eContentNames: Record<string, string> = {
  [EContentType.roa]: 'ROA',
  [EContentType.mft]: 'manifest',
  [EContentType.gbr]: 'Ghostbusters record',
  [EContentType.rsc]: 'signed checklist',
  [EContentType.aspa]: 'ASPA',
  [EContentType.tak]: 'trust anchor key',
  [EContentType.spl]: 'signed prefix list',
};

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const SHA256 = '2.16.840.1.101.3.4.2.1';
const ATTR_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ATTR_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ATTR_SIGNING_TIME = '1.2.840.113549.1.9.5';
const ATTR_BINARY_SIGNING_TIME = '1.2.840.113549.1.9.16.2.46';
const ALLOWED_ATTRS = new Set([ATTR_CONTENT_TYPE, ATTR_MESSAGE_DIGEST, ATTR_SIGNING_TIME, ATTR_BINARY_SIGNING_TIME]);

/** Unix seconds of 2050-01-01T00:00:00Z, from which on RFC 5652 §11.3 wants GeneralizedTime. */
const Y2050 = 2524608000;

export interface SignerInfo {
  version: number;
  /** The subjectKeyIdentifier choice of SignerIdentifier, lowercase hex. */
  sid: string;
  digestAlgorithm: string;
  /** The signed attributes re-tagged as SET OF (0x31), the bytes the signature covers (RFC 5652 §5.4). */
  signedAttrs: Uint8Array;
  contentType: string;
  messageDigest: Uint8Array;
  /** Unix seconds. */
  signingTime?: number;
  /** Unix seconds (RFC 6019 BinaryTime). */
  binarySigningTime?: number;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

export interface SignedObject {
  /** The whole object as given. */
  bytes: Uint8Array;
  eContentType: string;
  /** The payload; a view into `bytes` unless BER segments had to be joined. */
  eContent: Uint8Array;
  /** Where `eContent` starts in `bytes`; absent when it was joined from BER segments into a copy. */
  eContentOffset?: number;
  ee: ResourceCert;
  /** The EE certificate's TLV within `bytes`. */
  eeRange: ByteRange;
  signerInfo: SignerInfo;
}

/** RFC 6488 signed object. `expected` names the eContentType the caller requires (e.g. from the file name). */
export function decodeSignedObject(bytes: Uint8Array, expected?: { eContentType: string }): Decoded<SignedObject> {
  const findings = new Findings();
  return decodeWith(findings, () => readSignedObject(bytes, findings, expected?.eContentType));
}

/** The body of decodeSignedObject for the typed decoders: throws Reject on a structural failure. */
export function readSignedObject(bytes: Uint8Array, findings: Findings, expected?: string): SignedObject {
  const top = DerReader.of(bytes, 'ContentInfo', { ber: true, findings });
  const contentInfo = top.expect(Tag.SEQUENCE, 'ContentInfo');
  top.finish();
  const ci = contentInfo.children();
  // RFC 6488 §2: ContentInfo.contentType is id-signedData
  const contentType = readOid(ci.expect(Tag.OID, 'contentType'));
  if (contentType !== ID_SIGNED_DATA) {
    throw new Reject('cms.content-type.not-signed-data', { found: contentType }, contentInfo.range);
  }
  const explicit = ci.expect(ctx(0), 'content');
  ci.finish();
  const outer = explicit.children();
  const signedData = outer.expect(Tag.SEQUENCE, 'SignedData');
  outer.finish();
  const sd = signedData.children();

  // §2.1.1 version: 3
  const versionTlv = sd.expect(Tag.INTEGER, 'SignedData.version');
  const version = readInt(versionTlv, 0);
  if (version !== 3) findings.add('cms.version.invalid', { value: version }, versionTlv.range);

  // §2.1.2 digestAlgorithms: exactly one, SHA-256 (RFC 7935 §2)
  const digestSet = sd.expect(Tag.SET, 'digestAlgorithms');
  const digests = digestSet.children().each('digestAlgorithms');
  if (digests.length !== 1) findings.add('cms.digest-algorithms.count', { count: digests.length }, digestSet.range);
  for (const d of digests) {
    const oid = readAlgorithm(d, findings);
    if (oid !== SHA256) findings.add('cms.digest-algorithm.unsupported', { oid }, d.range);
  }

  // §2.1.3 encapContentInfo
  const encap = sd.expect(Tag.SEQUENCE, 'encapContentInfo').children();
  const eContentTypeTlv = encap.expect(Tag.OID, 'eContentType');
  const eContentType = readOid(eContentTypeTlv);
  // §2.1.3.1: the eContentType is the one the object's type defines
  if (expected !== undefined && eContentType !== expected) {
    throw new Reject(
      'cms.e-content-type.unexpected',
      { found: eContentTypeName(eContentType), expected: eContentNames[expected] ?? expected },
      eContentTypeTlv.range,
    );
  }
  // §2.1.3.2 eContent: present, [0] EXPLICIT OCTET STRING (BER segments tolerated in the wrapper)
  const eContentWrapper = encap.optional(ctx(0), 'eContent');
  if (!eContentWrapper) throw new Reject('cms.e-content.missing', {}, eContentTypeTlv.range);
  encap.finish();
  const ew = eContentWrapper.children();
  const eContentTlv = ew.read('eContent');
  ew.finish();
  if ((eContentTlv.tag & 0xdf) !== Tag.OCTET_STRING) eContentTlv.reject('expected an OCTET STRING');
  const eContent = readOctets(eContentTlv);
  const eContentOffset = eContentTlv.constructed ? undefined : eContentTlv.body;

  // §2.1.4 certificates: exactly one, the EE certificate
  const certSet = sd.optional(ctx(0), 'certificates');
  const certs = certSet ? certSet.children().each('certificates') : [];
  if (certs.length !== 1) {
    const at = certSet?.range ?? { start: sd.pos, end: sd.pos };
    if (certs.length === 0) throw new Reject('cms.certificates.count', { count: 0 }, at);
    findings.add('cms.certificates.count', { count: certs.length }, at);
  }
  // The EE certificate is read in place, strictly as DER, so its findings carry object offsets.
  const eeTlv = certs[0];
  const ee = readCertificate(eeTlv, findings);

  // §2.1.5 crls: omitted
  const crls = sd.optional(ctx(1), 'crls');
  if (crls) findings.add('cms.crls.present', {}, crls.range);

  // §2.1.6 signerInfos: exactly one
  const signerSet = sd.expect(Tag.SET, 'signerInfos');
  sd.finish();
  const signers = signerSet.children().each('signerInfos');
  if (signers.length !== 1) {
    if (signers.length === 0) throw new Reject('cms.signer-infos.count', { count: 0 }, signerSet.range);
    findings.add('cms.signer-infos.count', { count: signers.length }, signerSet.range);
  }
  if (signers[0].tag !== Tag.SEQUENCE) signers[0].reject('expected a SignerInfo');
  const signerInfo = readSignerInfo(signers[0], eContentType, findings);

  return { bytes, eContentType, eContent, eContentOffset, ee, eeRange: eeTlv.range, signerInfo };
}

function eContentTypeName(oid: string): string {
  return eContentNames[oid] ? `${oid} (${eContentNames[oid]})` : oid;
}

/** RFC 6488 §2.1.6 SignerInfo. */
function readSignerInfo(t: Tlv, eContentType: string, findings: Findings): SignerInfo {
  const r = t.children('SignerInfo');

  // §2.1.6.1 version: 3
  const versionTlv = r.expect(Tag.INTEGER, 'SignerInfo.version');
  const version = readInt(versionTlv, 0);
  if (version !== 3) findings.add('cms.signer-info.version.invalid', { value: version }, versionTlv.range);

  // §2.1.6.2 sid: the subjectKeyIdentifier choice
  const sidTlv = r.read('sid');
  if (sidTlv.tag === Tag.SEQUENCE) {
    // IssuerAndSerialNumber starts with a Name; a SEQUENCE starting with an OID is the digestAlgorithm after no sid.
    if (sidTlv.children().peek() === Tag.OID) {
      const at = { start: sidTlv.start, end: sidTlv.start };
      throw new Reject('der.tag.missing', { field: 'sid', expected: '[0] SubjectKeyIdentifier' }, at);
    }
    throw new Reject('cms.signer-info.sid.not-ski', {}, sidTlv.range);
  }
  if (sidTlv.tag !== ctx(0, true)) sidTlv.reject('expected [0] SubjectKeyIdentifier');
  const sid = hex(sidTlv.content);

  // §2.1.6.3 digestAlgorithm: SHA-256
  const digestTlv = r.expect(Tag.SEQUENCE, 'SignerInfo.digestAlgorithm');
  const digestAlgorithm = readAlgorithm(digestTlv, findings);
  if (digestAlgorithm !== SHA256) {
    findings.add('cms.signer-info.digest-algorithm.unsupported', { oid: digestAlgorithm }, digestTlv.range);
  }

  // §2.1.6.4 signedAttrs: present
  const attrsTlv = r.optional(ctx(0), 'signedAttrs');
  if (!attrsTlv) throw new Reject('cms.signed-attrs.missing', {}, { start: r.pos, end: r.pos });
  const attrs = readSignedAttrs(attrsTlv, eContentType, findings);

  // §2.1.6.5 signatureAlgorithm: rsaEncryption or sha256WithRSAEncryption (RFC 7935 §2)
  const sigAlgTlv = r.expect(Tag.SEQUENCE, 'signatureAlgorithm');
  const signatureAlgorithm = readAlgorithm(sigAlgTlv, findings);
  if (signatureAlgorithm !== RSA_ENCRYPTION && signatureAlgorithm !== SHA256_WITH_RSA) {
    findings.add('cms.signature-algorithm.unsupported', { oid: signatureAlgorithm }, sigAlgTlv.range);
  }

  // §2.1.6.6 signature
  const signatureTlv = r.read('signature');
  if ((signatureTlv.tag & 0xdf) !== Tag.OCTET_STRING) signatureTlv.reject('expected an OCTET STRING');
  const signature = readOctets(signatureTlv);

  // §2.1.6.7 unsignedAttrs: omitted
  const unsigned = r.optional(ctx(1), 'unsignedAttrs');
  if (unsigned) findings.add('cms.unsigned-attrs.present', {}, unsigned.range);
  r.finish();

  return { version, sid, digestAlgorithm, ...attrs, signatureAlgorithm, signature };
}

type SignedAttrs = Pick<SignerInfo, 'signedAttrs' | 'contentType' | 'messageDigest' | 'signingTime' | 'binarySigningTime'>;

/** RFC 6488 §2.1.6.4: content-type and message-digest required, signing-time (RFC 9589), nothing else, once each. */
function readSignedAttrs(t: Tlv, eContentType: string, findings: Findings): SignedAttrs {
  // RFC 5652 §5.4: the signature covers the DER encoding with the SET OF tag. The attributes themselves must be DER;
  // only a BER outer length (indefinite or non-minimal) is re-encoded.
  let signedAttrs: Uint8Array;
  if (!t.indefinite && t.body - t.start === derHeaderLength(t.length)) {
    signedAttrs = t.bytes.slice();
    signedAttrs[0] = Tag.SET;
  } else {
    findings.add('cms.signed-attrs.ber', {}, t.range);
    const header = derHeader(Tag.SET, t.length);
    signedAttrs = new Uint8Array(header.length + t.length);
    signedAttrs.set(header);
    signedAttrs.set(t.content, header.length);
  }

  const values = new Map<string, Tlv>();
  const r = new DerReader(t.buf, t.body, t.end, DER, 'signedAttrs');
  for (const attr of r.each('Attribute')) {
    if (attr.tag !== Tag.SEQUENCE) attr.reject('expected an Attribute');
    const a = attr.children('Attribute');
    const oidTlv = a.expect(Tag.OID, 'attrType');
    const oid = readOid(oidTlv);
    const set = a.expect(Tag.SET, 'attrValues');
    a.finish();
    if (!ALLOWED_ATTRS.has(oid)) {
      findings.add('cms.signed-attrs.forbidden', { oid }, attr.range);
      continue;
    }
    if (values.has(oid)) {
      findings.add('cms.signed-attrs.duplicate', { oid }, attr.range);
      continue;
    }
    const attrValues = set.children('attrValues').each();
    if (attrValues.length !== 1) {
      findings.add('cms.signed-attrs.value-count', { oid, count: attrValues.length }, set.range);
      continue;
    }
    values.set(oid, attrValues[0]);
  }

  // §2.1.6.4.1 content-type: equal to eContentType
  const ct = values.get(ATTR_CONTENT_TYPE);
  let contentType = '';
  if (!ct) findings.add('cms.content-type-attr.missing', {}, t.range);
  else {
    contentType = readOid(ct);
    if (contentType !== eContentType) {
      findings.add('cms.content-type-attr.mismatch', { attr: contentType, econtent: eContentType }, ct.range);
    }
  }

  // §2.1.6.4.2 message-digest: a SHA-256 digest
  const md = values.get(ATTR_MESSAGE_DIGEST);
  let messageDigest: Uint8Array = new Uint8Array(0);
  if (!md) findings.add('cms.message-digest.missing', {}, t.range);
  else {
    if (md.tag !== Tag.OCTET_STRING) md.reject('expected an OCTET STRING');
    messageDigest = readOctets(md);
    if (messageDigest.length !== 32) findings.add('cms.message-digest.length', { length: messageDigest.length }, md.range);
  }

  // §2.1.6.4.3 signing-time, mandatory since RFC 9589 §4; UTCTime before 2050 (RFC 5652 §11.3)
  const st = values.get(ATTR_SIGNING_TIME);
  let signingTime: number | undefined;
  if (!st) findings.add('cms.signing-time.missing', {}, t.range);
  else {
    signingTime = readTime(st);
    if (st.tag === Tag.GeneralizedTime && signingTime < Y2050) findings.add('cms.signing-time.generalized', {}, st.range);
  }

  // §2.1.6.4.4 binary-signing-time, removed by RFC 9589 §4
  const bst = values.get(ATTR_BINARY_SIGNING_TIME);
  let binarySigningTime: number | undefined;
  if (bst) {
    if (bst.tag !== Tag.INTEGER) bst.reject('expected a BinaryTime INTEGER');
    binarySigningTime = readInt(bst, 0);
    findings.add('cms.binary-signing-time.present', {}, bst.range);
  }

  return { signedAttrs, contentType, messageDigest, signingTime, binarySigningTime };
}

/** DER identifier and length octets (X.690 §8.1.3, §10.1) for a value of `length` octets. */
function derHeader(tag: number, length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(tag, length);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
  return Uint8Array.of(tag, 0x80 | octets.length, ...octets);
}

function derHeaderLength(length: number): number {
  let n = 2;
  for (let l = length; l >= 0x80; l = Math.floor(l / 256)) n++;
  return n;
}

/** An AlgorithmIdentifier of RFC 7935 §2 (SHA-256, RSA): the parameters are absent or NULL. */
export function readAlgorithm(t: Tlv, findings: Findings): string {
  const alg = decodeAlgorithmIdentifier(t);
  if (typeof alg.params === 'object') findings.add('cms.algorithm.parameters-invalid', { field: t.field }, alg.params.range);
  return alg.oid;
}

/**
 * Reads a signed object of the given type and its eContent, strictly as DER, with offsets relative to the whole
 * object when the eContent is a view. When BER segments were joined into a copy there are no object offsets, so
 * findings from inside it carry none. Throws Reject.
 */
export function readSignedContent<T>(
  bytes: Uint8Array,
  findings: Findings,
  eContentType: string,
  body: (so: SignedObject, r: DerReader, findings: Findings) => T,
): T {
  const so = readSignedObject(bytes, findings, eContentType);
  if (so.eContentOffset !== undefined) {
    const start = so.eContentOffset;
    return body(so, new DerReader(bytes, start, start + so.eContent.length, DER, 'eContent'), findings);
  }
  const mark = findings.list.length;
  try {
    return body(so, DerReader.of(so.eContent, 'eContent'), findings);
  } catch (e) {
    throw e instanceof Reject ? new Reject(e.code, e.params) : e;
  } finally {
    for (let i = mark; i < findings.list.length; i++) delete findings.list[i].at;
  }
}

/** A bare eContent (the DER inside a signed object), read by a typed eContent reader. */
export function decodeEContent<T>(bytes: Uint8Array, read: (r: DerReader, findings: Findings) => T): Decoded<T> {
  const findings = new Findings();
  return decodeWith(findings, () => read(DerReader.of(bytes, 'eContent'), findings));
}

/**
 * version [0] EXPLICIT INTEGER DEFAULT 0 at the start of an eContent. DER omits the default (X.690 §11.5); an
 * explicit 0 is reported. Returns the version, 0 when absent; the caller checks it against its profile.
 */
export function readEContentVersion(r: DerReader, findings: Findings): { version: number; at: ByteRange } {
  const tagged = r.optional(ctx(0), 'version');
  if (!tagged) return { version: 0, at: { start: r.pos, end: r.pos } };
  const inner = tagged.children('version');
  const version = readInt(inner.expect(Tag.INTEGER, 'version'), 0);
  inner.finish();
  if (version === 0) findings.add('cms.e-content.version-default-encoded', {}, tagged.range);
  return { version, at: tagged.range };
}

/** Adds `code` when a profile requires version `want` but the eContent carries another. */
export function checkVersion(v: { version: number; at: ByteRange }, want: number, code: FindingCode, findings: Findings): void {
  if (v.version !== want) findings.add(code, { value: v.version, expected: want }, v.at);
}

/**
 * RFC 6488 §3 checks that need the decoded object but not its issuer: the EE certificate passes the RFC 6487 EE
 * profile, is an EE certificate and is the one the SignerInfo names; the signing-time falls in its validity.
 */
export function inspectSignedObject(so: SignedObject, findings: Findings, certOptions?: InspectCertOptions): void {
  const { ee, signerInfo, eeRange } = so;
  inspectCert(ee, findings, certOptions);
  // A self-issued EE certificate is reported by inspectCert (RFC 6487 §4.8.3).
  if (ee.kind !== 'ee') findings.add('cms.ee-cert.not-ee', { kind: ee.kind }, eeRange);
  // §2.1.6.2 / §3 1.c: the sid is the EE certificate's SKI
  if (ee.ski !== signerInfo.sid) {
    findings.add('cms.signer-info.sid.mismatch', { sid: signerInfo.sid, ski: ee.ski ?? 'absent' }, eeRange);
  }
  const t = signerInfo.signingTime;
  if (t !== undefined && (t < ee.notBefore || t > ee.notAfter)) {
    findings.add(
      'cms.signing-time.outside-ee-validity',
      { time: isoTime(t), notBefore: isoTime(ee.notBefore), notAfter: isoTime(ee.notAfter) },
      eeRange,
    );
  }
}

/** The resource families an EE certificate lists explicitly; objects that speak for the whole CA must inherit all. */
export function explicitResourceFamilies(ee: ResourceCert): string[] {
  const out: string[] = [];
  const ip = ee.ipResources?.resources;
  if (ip?.ipv4 !== undefined && ip.ipv4 !== 'inherit') out.push('IPv4');
  if (ip?.ipv6 !== undefined && ip.ipv6 !== 'inherit') out.push('IPv6');
  const asnum = ee.asResources?.resources.asnum;
  if (asnum !== undefined && asnum !== 'inherit') out.push('AS');
  return out;
}

/** The codes an object type reports for the checks of checkAsOnlyEe. */
export interface AsOnlyEeCodes {
  ipPresent: FindingCode;
  asMissing: FindingCode;
  asInherit: FindingCode;
  outside: FindingCode;
}

/**
 * For objects that speak for one AS (ASPA, signed prefix list): the EE certificate holds no IP resources and lists
 * AS resources explicitly, and they contain `asn`.
 */
export function checkAsOnlyEe(so: SignedObject, asn: number, findings: Findings, codes: AsOnlyEeCodes): void {
  const { ee, eeRange } = so;
  if (ee.ipResources) findings.add(codes.ipPresent, {}, eeRange);
  const asnum = ee.asResources?.resources.asnum;
  if (asnum === undefined) findings.add(codes.asMissing, {}, eeRange);
  else if (asnum === 'inherit') findings.add(codes.asInherit, {}, eeRange);
  else if (!asContains(asnum, [{ min: asn, max: asn }])) findings.add(codes.outside, { asn }, eeRange);
}
