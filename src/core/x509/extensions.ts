/**
 * Certificate and CRL extensions, RFC 5280 §4.2 and §5.2, as profiled for the RPKI by RFC 6487 §4.8 and §5.
 * Each decoder mirrors one production and reads the extension's inner value (the DER inside extnValue); the
 * profile checks on the decoded values live with the objects (../objects/cert.ts, ../objects/crl.ts).
 *
 *   Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
 *   Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 */
import { DER, DerReader, Tag, ctx, tagName, type Tlv } from '../der/reader.ts';
import { readBigInt, readBitString, readBoolean, readIa5, readInt, readOid } from '../der/values.ts';
import type { ByteRange, Findings } from '../report/finding.ts';

export const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ipAddrBlocks: '1.3.6.1.5.5.7.1.7',
  autonomousSysIds: '1.3.6.1.5.5.7.1.8',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  ipAddrBlocksV2: '1.3.6.1.5.5.7.1.28',
  autonomousSysIdsV2: '1.3.6.1.5.5.7.1.29',
  /** RFC 5280 §4.2.2.1 id-ad-caIssuers */
  adCaIssuers: '1.3.6.1.5.5.7.48.2',
  /** RFC 6487 §4.8.8.1 id-ad-caRepository */
  adCaRepository: '1.3.6.1.5.5.7.48.5',
  /** RFC 6487 §4.8.8.1 id-ad-rpkiManifest */
  adRpkiManifest: '1.3.6.1.5.5.7.48.10',
  /** RFC 6487 §4.8.8.2 id-ad-signedObject */
  adSignedObject: '1.3.6.1.5.5.7.48.11',
  /** RFC 8182 §3.2 id-ad-rpkiNotify */
  adRpkiNotify: '1.3.6.1.5.5.7.48.13',
  /** RFC 6484 §1.2 id-cp-ipAddr-asNumber */
  cpIpAddrAsNumber: '1.3.6.1.5.5.7.14.2',
  /** RFC 5280 §4.2.1.4 id-qt-cps */
  qtCps: '1.3.6.1.5.5.7.2.1',
  /** RFC 8209 §3.1.3.2 id-kp-bgpsec-router */
  kpBgpsecRouter: '1.3.6.1.5.5.7.3.30',
} as const;

const extensionNames: Record<string, string> = {
  [OID.subjectKeyIdentifier]: 'subjectKeyIdentifier',
  [OID.keyUsage]: 'keyUsage',
  [OID.issuerAltName]: 'issuerAltName',
  [OID.basicConstraints]: 'basicConstraints',
  [OID.crlNumber]: 'cRLNumber',
  [OID.crlReason]: 'reasonCode',
  [OID.invalidityDate]: 'invalidityDate',
  [OID.deltaCrlIndicator]: 'deltaCRLIndicator',
  [OID.issuingDistributionPoint]: 'issuingDistributionPoint',
  [OID.crlDistributionPoints]: 'cRLDistributionPoints',
  [OID.certificatePolicies]: 'certificatePolicies',
  [OID.policyMappings]: 'policyMappings',
  [OID.authorityKeyIdentifier]: 'authorityKeyIdentifier',
  [OID.extKeyUsage]: 'extKeyUsage',
  [OID.authorityInfoAccess]: 'authorityInfoAccess',
  [OID.ipAddrBlocks]: 'ipAddrBlocks',
  [OID.autonomousSysIds]: 'autonomousSysIds',
  [OID.subjectInfoAccess]: 'subjectInfoAccess',
  [OID.ipAddrBlocksV2]: 'ipAddrBlocks-v2',
  [OID.autonomousSysIdsV2]: 'autonomousSysIds-v2',
};

/** The RFC name of an extension, or its dotted OID. */
export function extensionName(oid: string): string {
  return extensionNames[oid] ?? oid;
}

export interface Extension {
  oid: string;
  critical: boolean;
  /** The extension's value: the single DER TLV inside extnValue, with offsets into the whole object. */
  value: Tlv;
  range: ByteRange;
  /** An earlier extension has the same extnID (reported as x509.extension.duplicate; readers use the first). */
  duplicate: boolean;
}

/** Reads the Extensions SEQUENCE; a second instance of an extension is reported (RFC 5280 §4.2), kept and marked. */
/** Extensions inside an EXPLICIT context tag ([3] of TBSCertificate, [0] of TBSCertList), or none. */
export function decodeTaggedExtensions(t: Tlv | undefined, field: string, findings: Findings): Extension[] {
  if (!t) return [];
  const r = t.children();
  const extensions = decodeExtensions(r.expect(Tag.SEQUENCE, field), findings);
  r.finish();
  return extensions;
}

export function decodeExtensions(t: Tlv, findings: Findings): Extension[] {
  const out: Extension[] = [];
  const r = t.children();
  if (r.atEnd) t.reject('Extensions ::= SEQUENCE SIZE (1..MAX) is empty');
  for (const e of r.each()) {
    if (e.tag !== Tag.SEQUENCE) e.reject('an Extension must be a SEQUENCE');
    const c = e.children();
    const oid = readOid(c.expect(Tag.OID, 'Extension.extnID'));
    const name = extensionName(oid);
    const critTlv = c.optional(Tag.BOOLEAN, name);
    const critical = critTlv ? readBoolean(critTlv) : false;
    // X.690 §11.5: a DEFAULT value is never encoded in DER.
    if (critTlv && !critical) {
      findings.add('der.value.non-canonical', { field: `${name}.critical`, type: 'BOOLEAN', reason: 'the DEFAULT FALSE is encoded' }, critTlv.range);
    }
    const oct = c.expect(Tag.OCTET_STRING, name);
    c.finish();
    const inner = new DerReader(oct.buf, oct.body, oct.end, DER, name);
    const value = inner.read(name);
    inner.finish(name);
    const duplicate = out.some((x) => x.oid === oid);
    if (duplicate) findings.add('x509.extension.duplicate', { extension: name }, e.range);
    out.push({ oid, critical, value, range: e.range, duplicate });
  }
  return out;
}

/** GeneralName, RFC 5280 §4.2.1.6. RPKI uses only uniformResourceIdentifier [6]; the rest is kept as a tag. */
export type GeneralName = { kind: 'uri'; uri: string; range: ByteRange } | { kind: 'other'; type: string; range: ByteRange };

const generalNameTypes: Record<number, string> = {
  [ctx(0)]: 'otherName',
  [ctx(1, true)]: 'rfc822Name',
  [ctx(2, true)]: 'dNSName',
  [ctx(3)]: 'x400Address',
  [ctx(4)]: 'directoryName',
  [ctx(5)]: 'ediPartyName',
  [ctx(7, true)]: 'iPAddress',
  [ctx(8, true)]: 'registeredID',
};

function decodeGeneralName(t: Tlv): GeneralName {
  if (t.tag === ctx(6, true)) return { kind: 'uri', uri: readIa5(t), range: t.range };
  const type = generalNameTypes[t.tag];
  if (!type) t.reject('not a GeneralName', tagName(t.tag));
  return { kind: 'other', type, range: t.range };
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName (the tag may be implicit, so it is not checked here). */
function decodeGeneralNames(t: Tlv): GeneralName[] {
  return itemsOf(t, 'GeneralNames', decodeGeneralName);
}

function sequenceOf<T>(t: Tlv, what: string, item: (c: Tlv) => T): T[] {
  if (t.tag !== Tag.SEQUENCE) t.reject(`${what} must be a SEQUENCE`);
  return itemsOf(t, what, item);
}

/** The items of a SEQUENCE SIZE (1..MAX) OF, whatever its (possibly implicit) tag. */
function itemsOf<T>(t: Tlv, what: string, item: (c: Tlv) => T): T[] {
  const r = t.children();
  const items: T[] = [];
  while (!r.atEnd) items.push(item(r.read()));
  if (items.length === 0) t.reject(`${what} ::= SEQUENCE SIZE (1..MAX) is empty`);
  return items;
}

/** RFC 5280 §4.2.1.2: SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING */
export function decodeKeyIdentifier(t: Tlv): Uint8Array {
  if (t.tag !== Tag.OCTET_STRING) t.reject('KeyIdentifier must be an OCTET STRING');
  return t.content;
}

/**
 * RFC 5280 §4.2.1.1:
 *   AuthorityKeyIdentifier ::= SEQUENCE {
 *     keyIdentifier             [0] KeyIdentifier           OPTIONAL,
 *     authorityCertIssuer       [1] GeneralNames            OPTIONAL,
 *     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
 */
export interface AuthorityKeyIdentifier {
  keyIdentifier?: Uint8Array;
  authorityCertIssuer: boolean;
  authorityCertSerialNumber: boolean;
}

export function decodeAuthorityKeyIdentifier(t: Tlv): AuthorityKeyIdentifier {
  if (t.tag !== Tag.SEQUENCE) t.reject('AuthorityKeyIdentifier must be a SEQUENCE');
  const r = t.children();
  const keyId = r.optional(ctx(0, true), 'AuthorityKeyIdentifier.keyIdentifier');
  const issuer = r.optional(ctx(1), 'AuthorityKeyIdentifier.authorityCertIssuer');
  if (issuer) decodeGeneralNames(issuer);
  const serial = r.optional(ctx(2, true), 'AuthorityKeyIdentifier.authorityCertSerialNumber');
  r.finish();
  const aki: AuthorityKeyIdentifier = { authorityCertIssuer: issuer !== undefined, authorityCertSerialNumber: serial !== undefined };
  if (keyId) aki.keyIdentifier = keyId.content;
  return aki;
}

/** RFC 5280 §4.2.1.3 KeyUsage ::= BIT STRING { digitalSignature (0), …, cRLSign (6), … decipherOnly (8) } */
export const KeyUsageBit = {
  digitalSignature: 1 << 0,
  nonRepudiation: 1 << 1,
  keyEncipherment: 1 << 2,
  dataEncipherment: 1 << 3,
  keyAgreement: 1 << 4,
  keyCertSign: 1 << 5,
  cRLSign: 1 << 6,
  encipherOnly: 1 << 7,
  decipherOnly: 1 << 8,
} as const;

const keyUsageNames = Object.keys(KeyUsageBit);

export interface KeyUsage {
  /** Bit n of the named bit list is `1 << n` (see KeyUsageBit). */
  bits: number;
  /** The names of the bits set, in bit order. */
  names: string[];
}

export function decodeKeyUsage(t: Tlv): KeyUsage {
  if (t.tag !== Tag.BIT_STRING) t.reject('KeyUsage must be a BIT STRING');
  const bs = readBitString(t);
  let bits = 0;
  for (let i = 0; i < bs.bits && i < 31; i++) if (bs.bytes[i >> 3] & (0x80 >> (i & 7))) bits |= 1 << i;
  const names: string[] = [];
  for (let i = 0; i < keyUsageNames.length; i++) if (bits & (1 << i)) names.push(keyUsageNames[i]);
  return { bits, names };
}

/** RFC 5280 §4.2.1.9 BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL } */
export interface BasicConstraints {
  cA: boolean;
  pathLenConstraint?: number;
}

export function decodeBasicConstraints(t: Tlv, findings: Findings): BasicConstraints {
  if (t.tag !== Tag.SEQUENCE) t.reject('BasicConstraints must be a SEQUENCE');
  const r = t.children();
  const ca = r.optional(Tag.BOOLEAN, 'BasicConstraints.cA');
  const cA = ca ? readBoolean(ca) : false;
  if (ca && !cA) {
    findings.add('der.value.non-canonical', { field: 'BasicConstraints.cA', type: 'BOOLEAN', reason: 'the DEFAULT FALSE is encoded' }, ca.range);
  }
  const len = r.optional(Tag.INTEGER, 'BasicConstraints.pathLenConstraint');
  r.finish();
  const bc: BasicConstraints = { cA };
  if (len) bc.pathLenConstraint = readInt(len, 0);
  return bc;
}

/** RFC 5280 §4.2.1.12 ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (an OID) */
export function decodeExtKeyUsage(t: Tlv): string[] {
  return sequenceOf(t, 'ExtKeyUsageSyntax', readOid);
}

/**
 * RFC 5280 §4.2.1.13:
 *   CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
 *   DistributionPoint ::= SEQUENCE {
 *     distributionPoint [0] DistributionPointName OPTIONAL,
 *     reasons           [1] ReasonFlags OPTIONAL,
 *     cRLIssuer         [2] GeneralNames OPTIONAL }
 *   DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RelativeDistinguishedName }
 */
export interface DistributionPoint {
  fullName?: GeneralName[];
  nameRelativeToCRLIssuer: boolean;
  reasons: boolean;
  cRLIssuer: boolean;
  range: ByteRange;
}

export function decodeCrlDistributionPoints(t: Tlv): DistributionPoint[] {
  return sequenceOf(t, 'CRLDistributionPoints', (d) => {
    if (d.tag !== Tag.SEQUENCE) d.reject('a DistributionPoint must be a SEQUENCE');
    const r = d.children();
    const name = r.optional(ctx(0), 'DistributionPoint.distributionPoint');
    const reasons = r.optional(ctx(1, true), 'DistributionPoint.reasons');
    if (reasons) readBitString(reasons);
    const issuer = r.optional(ctx(2), 'DistributionPoint.cRLIssuer');
    if (issuer) decodeGeneralNames(issuer);
    r.finish();
    const dp: DistributionPoint = { nameRelativeToCRLIssuer: false, reasons: !!reasons, cRLIssuer: !!issuer, range: d.range };
    if (name) {
      const nr = name.children();
      const choice = nr.read('DistributionPointName');
      nr.finish();
      if (choice.tag === ctx(0)) dp.fullName = decodeGeneralNames(choice);
      else if (choice.tag === ctx(1)) dp.nameRelativeToCRLIssuer = true;
      else choice.reject('not a DistributionPointName');
    }
    return dp;
  });
}

/**
 * RFC 5280 §4.2.2.1 and §4.2.2.2:
 *   AuthorityInfoAccessSyntax / SubjectInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
 *   AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
 */
export interface AccessDescription {
  method: string;
  location: GeneralName;
  range: ByteRange;
}

export function decodeAccessDescriptions(t: Tlv): AccessDescription[] {
  return sequenceOf(t, 'InfoAccessSyntax', (d) => {
    if (d.tag !== Tag.SEQUENCE) d.reject('an AccessDescription must be a SEQUENCE');
    const r = d.children();
    const method = readOid(r.expect(Tag.OID, 'AccessDescription.accessMethod'));
    const location = decodeGeneralName(r.read('AccessDescription.accessLocation'));
    r.finish();
    return { method, location, range: d.range };
  });
}

/**
 * RFC 5280 §4.2.1.4:
 *   certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
 *   PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId, policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }
 *   PolicyQualifierInfo ::= SEQUENCE { policyQualifierId PolicyQualifierId, qualifier ANY DEFINED BY policyQualifierId }
 */
export interface PolicyQualifierInfo {
  id: string;
  /** The CPS URI when the qualifier is id-qt-cps. */
  cps?: string;
  range: ByteRange;
}

export interface PolicyInformation {
  policy: string;
  qualifiers: PolicyQualifierInfo[];
  range: ByteRange;
}

export function decodeCertificatePolicies(t: Tlv): PolicyInformation[] {
  return sequenceOf(t, 'certificatePolicies', (p) => {
    if (p.tag !== Tag.SEQUENCE) p.reject('PolicyInformation must be a SEQUENCE');
    const r = p.children();
    const policy = readOid(r.expect(Tag.OID, 'PolicyInformation.policyIdentifier'));
    const q = r.optional(Tag.SEQUENCE, 'PolicyInformation.policyQualifiers');
    r.finish();
    const qualifiers = q
      ? sequenceOf(q, 'policyQualifiers', (qi) => {
          if (qi.tag !== Tag.SEQUENCE) qi.reject('PolicyQualifierInfo must be a SEQUENCE');
          const qr = qi.children();
          const id = readOid(qr.expect(Tag.OID, 'PolicyQualifierInfo.policyQualifierId'));
          const value = qr.read('PolicyQualifierInfo.qualifier');
          qr.finish();
          const info: PolicyQualifierInfo = { id, range: qi.range };
          if (id === OID.qtCps) info.cps = readIa5(value);
          return info;
        })
      : [];
    return { policy, qualifiers, range: p.range };
  });
}

/** RFC 5280 §5.2.3 CRLNumber ::= INTEGER (0..MAX) */
export function decodeCrlNumber(t: Tlv): bigint {
  if (t.tag !== Tag.INTEGER) t.reject('CRLNumber must be an INTEGER');
  return readBigInt(t);
}

/** The URIs among GeneralNames; other name forms are left out (and reported by the profile checks). */
export function uris(names: readonly GeneralName[]): string[] {
  const out: string[] = [];
  for (const n of names) if (n.kind === 'uri') out.push(n.uri);
  return out;
}

/** Case-insensitive scheme test (RFC 3986 §3.1), e.g. hasScheme(u, 'rsync'). */
export function hasScheme(uri: string, scheme: string): boolean {
  if (uri.length < scheme.length + 3 || uri.charCodeAt(scheme.length) !== 0x3a) return false;
  for (let i = 0; i < scheme.length; i++) if ((uri.charCodeAt(i) | 0x20) !== scheme.charCodeAt(i)) return false;
  return uri.charCodeAt(scheme.length + 1) === 0x2f && uri.charCodeAt(scheme.length + 2) === 0x2f;
}
