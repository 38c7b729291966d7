/**
 * Resource certificates: X.509 v3 (RFC 5280 §4.1) under the RPKI profile of RFC 6487 §4, with the BGPsec router
 * profile of RFC 8209 §3.1 and the algorithms of RFC 7935 and RFC 8608.
 *
 *   Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE {
 *     version              [0] EXPLICIT Version DEFAULT v1,
 *     serialNumber         CertificateSerialNumber,
 *     signature            AlgorithmIdentifier,
 *     issuer               Name,
 *     validity             Validity,
 *     subject              Name,
 *     subjectPublicKeyInfo SubjectPublicKeyInfo,
 *     issuerUniqueID       [1] IMPLICIT UniqueIdentifier OPTIONAL,
 *     subjectUniqueID      [2] IMPLICIT UniqueIdentifier OPTIONAL,
 *     extensions           [3] EXPLICIT Extensions OPTIONAL }
 *   Validity ::= SEQUENCE { notBefore Time, notAfter Time }
 *
 * decodeCert reads the structure (stage 'decode'); inspectCert applies the profile for the certificate's kind
 * (stage 'inspect'). What needs the issuer — signature, AKI against the issuer's SKI, resources against the
 * issuer's, name chaining, revocation, the validity period at an evaluation time — belongs to verification.
 */
import { DER, DerReader, Tag, ctx, type Tlv } from '../der/reader.ts';
import { hex, readBitString, readInt, readSerialHex } from '../der/values.ts';
import { Findings, decodeWith, type ByteRange, type Decoded } from '../report/finding.ts';
import { decodeAsIdentifiers, decodeIpAddrBlocks, type AsIdentifiers, type IpAddrBlocks } from '../resources/index.ts';
import {
  algorithmName,
  checkSignatureAlgorithm,
  decodeAlgorithmIdentifier,
  sameAlgorithm,
  SHA256_WITH_RSA,
  type AlgorithmIdentifier,
} from '../x509/algorithm.ts';
import {
  decodeAccessDescriptions,
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeCertificatePolicies,
  decodeCrlDistributionPoints,
  decodeExtKeyUsage,
  decodeTaggedExtensions,
  decodeKeyIdentifier,
  decodeKeyUsage,
  extensionName,
  hasScheme,
  KeyUsageBit,
  OID,
  uris,
  type AccessDescription,
  type AuthorityKeyIdentifier,
  type BasicConstraints,
  type DistributionPoint,
  type Extension,
  type GeneralName,
  type KeyUsage,
  type PolicyInformation,
} from '../x509/extensions.ts';
import { checkName, decodeName, sameName, type Name } from '../x509/name.ts';
import { sha1 } from '../x509/sha1.ts';
import { decodeSubjectPublicKeyInfo, exponentValue, type PublicKey, type SubjectPublicKeyInfo } from '../x509/spki.ts';
import { isoTime } from '../time.ts';
import { readSignedEnvelope } from '../x509/signed.ts';
import { readX509Time } from '../x509/time.ts';

/** Trust anchor (self-signed CA), CA, end entity of a signed object, or BGPsec router (RFC 8209). */
export type CertKind = 'ta' | 'ca' | 'ee' | 'router';

/**
 * RFC 6487 §4.8.8: the SIA location a relying party uses for each access method: the first rsync URI for
 * caRepository, rpkiManifest and signedObject, the first https URI for rpkiNotify (RFC 8182 §3.2), as rpki-client
 * chooses. Every location, in certificate order, is in ResourceCert.subjectInfoAccess.
 */
export interface SubjectInformationAccess {
  caRepository?: string;
  rpkiManifest?: string;
  rpkiNotify?: string;
  signedObject?: string;
}

export interface ResourceCert {
  /** The whole Certificate TLV. */
  bytes: Uint8Array;
  /** The whole TBSCertificate TLV: what the signature covers. */
  tbs: Uint8Array;
  /** The Version INTEGER as encoded: 2 means v3 (0 when the field is absent, i.e. v1). */
  version: number;
  /** Serial number, lowercase hex without leading zeros ('-' prefixed when negative). */
  serial: string;
  /** Contents octets of the serialNumber INTEGER (RFC 5280 §4.1.2.2 allows at most 20). */
  serialLength: number;
  /** OID of Certificate.signatureAlgorithm. */
  signatureAlgorithm: string;
  /** Certificate.signatureAlgorithm and TBSCertificate.signature in full. */
  algorithms: { outer: AlgorithmIdentifier; tbs: AlgorithmIdentifier };
  signature: Uint8Array;
  issuer: Name;
  subject: Name;
  /** Unix seconds. */
  notBefore: number;
  notAfter: number;
  /** The whole SubjectPublicKeyInfo TLV. */
  spki: Uint8Array;
  subjectPublicKeyInfo: SubjectPublicKeyInfo;
  publicKey: PublicKey;
  /** Byte ranges of issuerUniqueID / subjectUniqueID when present (RFC 5280 §4.1.2.8 forbids them). */
  uniqueIdentifiers: ByteRange[];
  extensions: Extension[];
  /** Subject and authority key identifiers as lowercase hex. */
  ski?: string;
  aki?: string;
  authorityKeyIdentifier?: AuthorityKeyIdentifier;
  keyUsage?: KeyUsage;
  basicConstraints?: BasicConstraints;
  crlDistributionPoints?: DistributionPoint[];
  /** CRL distribution point URIs (all DistributionPoints' fullName URIs). */
  crlDp: string[];
  authorityInfoAccess?: AccessDescription[];
  /** AIA id-ad-caIssuers URIs. */
  aia: string[];
  subjectInfoAccess?: AccessDescription[];
  sia: SubjectInformationAccess;
  policies?: PolicyInformation[];
  /** Extended key usage OIDs. */
  eku?: string[];
  ipResources?: IpAddrBlocks;
  asResources?: AsIdentifiers;
  kind: CertKind;
  /** issuer == subject and the AKI is absent or equals the SKI (RFC 5280 §6.1, as OpenSSL and rpki-client read it). */
  selfSigned: boolean;
}

/** Decodes a DER certificate (the whole input must be one Certificate). Never throws. */
export function decodeCert(bytes: Uint8Array): Decoded<ResourceCert> {
  const findings = new Findings();
  return decodeWith(findings, () => {
    const r = DerReader.of(bytes, 'Certificate');
    const t = r.expect(Tag.SEQUENCE, 'Certificate');
    r.finish();
    return readCertificate(t, findings);
  });
}

/**
 * Reads a Certificate TLV in place, e.g. the EE certificate inside a CMS SignedData, so that byte ranges stay
 * relative to the enclosing object. Strict DER whatever reader produced `t` (RFC 5280 §4.1). Throws Reject.
 */
export function readCertificate(t: Tlv, findings: Findings): ResourceCert {
  const cert = new DerReader(t.buf, t.start, t.next, DER, 'Certificate').expect(Tag.SEQUENCE, 'Certificate');
  const { tbs: tbsT, outer, signature } = readSignedEnvelope(cert, 'tbsCertificate');

  const r = tbsT.children();
  const versionT = r.optional(ctx(0), 'version');
  let version = 0;
  if (versionT) {
    const vr = versionT.children();
    version = readInt(vr.expect(Tag.INTEGER, 'version'), Number.MIN_SAFE_INTEGER);
    vr.finish();
  }
  const serialT = r.expect(Tag.INTEGER, 'serialNumber');
  const serial = readSerialHex(serialT);
  const tbsAlg = decodeAlgorithmIdentifier(r.expect(Tag.SEQUENCE, 'signature'));
  const issuer = decodeName(r.expect(Tag.SEQUENCE, 'issuer'));
  const validity = r.expect(Tag.SEQUENCE, 'validity').children();
  const notBefore = readX509Time(validity.read('validity.notBefore'), findings);
  const notAfter = readX509Time(validity.read('validity.notAfter'), findings);
  validity.finish();
  const subject = decodeName(r.expect(Tag.SEQUENCE, 'subject'));
  const spkiT = r.expect(Tag.SEQUENCE, 'subjectPublicKeyInfo');
  const spki = decodeSubjectPublicKeyInfo(spkiT);
  const uniqueIdentifiers: ByteRange[] = [];
  const issuerUid = r.optional(ctx(1, true), 'issuerUniqueID');
  const subjectUid = r.optional(ctx(2, true), 'subjectUniqueID');
  for (const u of [issuerUid, subjectUid]) {
    if (u) {
      readBitString(u);
      uniqueIdentifiers.push(u.range);
    }
  }
  const extT = r.optional(ctx(3), 'extensions');
  r.finish();
  const extensions = decodeTaggedExtensions(extT, 'extensions', findings);

  const out: ResourceCert = {
    bytes: cert.bytes,
    tbs: tbsT.bytes,
    version,
    serial,
    serialLength: serialT.length,
    signatureAlgorithm: outer.oid,
    algorithms: { outer, tbs: tbsAlg },
    signature,
    issuer,
    subject,
    notBefore,
    notAfter,
    spki: spki.der,
    subjectPublicKeyInfo: spki,
    publicKey: spki.publicKey,
    uniqueIdentifiers,
    extensions,
    crlDp: [],
    aia: [],
    sia: {},
    kind: 'ee',
    selfSigned: false,
  };
  readKnownExtensions(out, findings);

  out.selfSigned = sameName(issuer, subject) && (out.aki === undefined || out.aki === out.ski);
  if (out.basicConstraints?.cA) out.kind = out.selfSigned ? 'ta' : 'ca';
  else if (out.eku?.includes(OID.kpBgpsecRouter)) out.kind = 'router';
  return out;
}

/** Decodes the extensions RFC 6487 §4.8 defines; the first of duplicates wins (the duplicate is already reported). */
function readKnownExtensions(cert: ResourceCert, findings: Findings): void {
  for (const e of cert.extensions) {
    if (e.duplicate) continue;
    const v = e.value;
    switch (e.oid) {
      case OID.basicConstraints:
        cert.basicConstraints = decodeBasicConstraints(v, findings);
        break;
      case OID.subjectKeyIdentifier:
        cert.ski = hex(decodeKeyIdentifier(v));
        break;
      case OID.authorityKeyIdentifier: {
        const aki = decodeAuthorityKeyIdentifier(v);
        cert.authorityKeyIdentifier = aki;
        if (aki.keyIdentifier) cert.aki = hex(aki.keyIdentifier);
        break;
      }
      case OID.keyUsage:
        cert.keyUsage = decodeKeyUsage(v);
        break;
      case OID.extKeyUsage:
        cert.eku = decodeExtKeyUsage(v);
        break;
      case OID.crlDistributionPoints:
        cert.crlDistributionPoints = decodeCrlDistributionPoints(v);
        for (const dp of cert.crlDistributionPoints) if (dp.fullName) cert.crlDp.push(...uris(dp.fullName));
        break;
      case OID.authorityInfoAccess:
        cert.authorityInfoAccess = decodeAccessDescriptions(v);
        cert.aia = locations(cert.authorityInfoAccess, OID.adCaIssuers);
        break;
      case OID.subjectInfoAccess: {
        const ads = decodeAccessDescriptions(v);
        cert.subjectInfoAccess = ads;
        const sia: SubjectInformationAccess = {};
        const put = (key: keyof SubjectInformationAccess, method: string, scheme: string) => {
          const uri = locations(ads, method).find((u) => hasScheme(u, scheme));
          if (uri !== undefined) sia[key] = uri;
        };
        put('caRepository', OID.adCaRepository, 'rsync');
        put('rpkiManifest', OID.adRpkiManifest, 'rsync');
        put('rpkiNotify', OID.adRpkiNotify, 'https');
        put('signedObject', OID.adSignedObject, 'rsync');
        cert.sia = sia;
        break;
      }
      case OID.certificatePolicies:
        cert.policies = decodeCertificatePolicies(v);
        break;
      case OID.ipAddrBlocks:
        cert.ipResources = decodeIpAddrBlocks(v, findings);
        break;
      case OID.autonomousSysIds:
        cert.asResources = decodeAsIdentifiers(v, findings);
        break;
    }
  }
}

function locations(ads: readonly AccessDescription[], method: string): string[] {
  const out: string[] = [];
  for (const ad of ads) if (ad.method === method && ad.location.kind === 'uri') out.push(ad.location.uri);
  return out;
}

const KNOWN = new Set<string>([
  OID.basicConstraints,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.crlDistributionPoints,
  OID.authorityInfoAccess,
  OID.subjectInfoAccess,
  OID.certificatePolicies,
  OID.ipAddrBlocks,
  OID.autonomousSysIds,
]);

export interface InspectCertOptions {
  /** RFC 9323 §2: the EE certificate of an RSC has no SIA, as RSCs are not published in repositories. */
  eeWithoutSia?: boolean;
}

/** RFC 6487 §4 (and RFC 8209 §3.1 for routers) profile checks on one certificate, by its kind. */
export function inspectCert(cert: ResourceCert, findings: Findings, options: InspectCertOptions = {}): void {
  const { kind } = cert;
  const isCa = kind === 'ta' || kind === 'ca';
  const ext = (oid: string): Extension | undefined => cert.extensions.find((e) => e.oid === oid);

  // §4.1 Version: v3.
  if (cert.version !== 2) findings.add('cert.version.not-v3', { version: cert.version + 1 });
  // §4.2 Serial number: positive, at most 20 octets (RFC 5280 §4.1.2.2).
  if (cert.serial === '0' || cert.serial.startsWith('-')) findings.add('cert.serial.not-positive', { serial: cert.serial });
  else if (cert.serialLength > 20) findings.add('cert.serial.too-long', { length: cert.serialLength });
  // §4.3 Signature algorithm: sha256WithRSAEncryption (RFC 7935 §2), the same in both places (RFC 5280 §4.1.1.2).
  const { outer, tbs } = cert.algorithms;
  if (!sameAlgorithm(outer, tbs)) {
    findings.add('cert.signature-algorithm.mismatch', { outer: algorithmName(outer.oid), tbs: algorithmName(tbs.oid) }, outer.range);
  }
  if (tbs.oid !== SHA256_WITH_RSA) findings.add('cert.signature-algorithm.unsupported', { algorithm: algorithmName(tbs.oid) }, tbs.range);
  else checkSignatureAlgorithm(tbs, findings);
  // §4.4 Issuer, §4.5 Subject (RFC 8209 §3.1.1 allows a UTF8String commonName in router subjects).
  checkName(cert.issuer, 'issuer', findings);
  checkName(cert.subject, 'subject', findings, kind === 'router');
  // §4.6 Validity: well-formed here; against an evaluation time in verification.
  if (cert.notBefore > cert.notAfter) {
    findings.add('cert.validity.crossed', { notBefore: isoTime(cert.notBefore), notAfter: isoTime(cert.notAfter) });
  }
  // §4.7 Subject public key info.
  inspectPublicKey(cert, findings);
  // RFC 5280 §4.1.2.8: no unique identifiers (RFC 6487 §4 lists no such fields).
  for (const at of cert.uniqueIdentifiers) findings.add('cert.unique-identifier.present', {}, at);

  // §4.8.1 Basic Constraints: critical in CA certificates, cA set, no path length; absent from EE certificates.
  const bc = ext(OID.basicConstraints);
  if (isCa && bc) {
    if (!bc.critical) findings.add('cert.basic-constraints.not-critical', {}, bc.range);
    if (cert.basicConstraints?.pathLenConstraint !== undefined) {
      findings.add('cert.basic-constraints.path-length', { pathLen: cert.basicConstraints.pathLenConstraint }, bc.range);
    }
  } else if (bc) findings.add('cert.basic-constraints.not-ca', { kind }, bc.range);
  else if (cert.keyUsage && cert.keyUsage.bits & KeyUsageBit.keyCertSign) findings.add('cert.basic-constraints.missing', {});

  // §4.8.2 Subject Key Identifier: present, non-critical, the SHA-1 of the subjectPublicKey.
  const ski = ext(OID.subjectKeyIdentifier);
  if (!ski || cert.ski === undefined) findings.add('cert.ski.missing', {});
  else {
    if (ski.critical) findings.add('cert.ski.critical', {}, ski.range);
    if (cert.ski.length !== 40) findings.add('cert.ski.length', { length: cert.ski.length / 2 }, ski.range);
    else {
      const want = hex(sha1(cert.subjectPublicKeyInfo.subjectPublicKey));
      if (want !== cert.ski) findings.add('cert.ski.mismatch', { ski: cert.ski, hash: want }, ski.range);
    }
  }

  // §4.8.3 Authority Key Identifier: present except in a self-signed certificate, non-critical, keyIdentifier only.
  const aki = ext(OID.authorityKeyIdentifier);
  if (!aki || !cert.authorityKeyIdentifier) {
    if (kind !== 'ta') findings.add('cert.aki.missing', {});
  } else {
    const a = cert.authorityKeyIdentifier;
    if (aki.critical) findings.add('cert.aki.critical', {}, aki.range);
    if (a.authorityCertIssuer || a.authorityCertSerialNumber) findings.add('cert.aki.issuer-serial', {}, aki.range);
    if (!a.keyIdentifier) findings.add('cert.aki.key-identifier.missing', {}, aki.range);
    else if (a.keyIdentifier.length !== 20) findings.add('cert.aki.length', { length: a.keyIdentifier.length }, aki.range);
    if (kind !== 'ta' && cert.aki !== undefined && cert.aki === cert.ski) findings.add('cert.aki.equals-ski', { kind }, aki.range);
  }
  if (kind !== 'ta' && sameName(cert.issuer, cert.subject)) findings.add('cert.self-issued', { kind, name: cert.subject.text });

  // §4.8.4 Key Usage: critical; CA: keyCertSign and cRLSign only; EE (and router, RFC 8209 §3.1.3): digitalSignature only.
  const ku = ext(OID.keyUsage);
  if (!ku || !cert.keyUsage) findings.add('cert.key-usage.missing', {});
  else {
    if (!ku.critical) findings.add('cert.key-usage.not-critical', {}, ku.range);
    const want = isCa ? KeyUsageBit.keyCertSign | KeyUsageBit.cRLSign : KeyUsageBit.digitalSignature;
    if (cert.keyUsage.bits !== want) {
      findings.add(isCa ? 'cert.key-usage.ca-bits' : 'cert.key-usage.ee-bits', { bits: cert.keyUsage.names.join(', ') || 'none' }, ku.range);
    }
  }

  // §4.8.5 Extended Key Usage: not in CA or signed-object EE certificates; routers: id-kp-bgpsec-router, non-critical (RFC 8209 §3.1.3.2).
  const eku = ext(OID.extKeyUsage);
  if (eku && kind !== 'router') findings.add('cert.eku.present', { kind }, eku.range);
  if (eku && kind === 'router' && eku.critical) findings.add('cert.eku.critical', {}, eku.range);

  // §4.8.6 CRL Distribution Points: absent from self-signed; otherwise non-critical, one DistributionPoint with a fullName holding an rsync URI.
  const crldp = ext(OID.crlDistributionPoints);
  if (kind === 'ta') {
    if (crldp) findings.add('cert.crldp.in-ta', {}, crldp.range);
  } else if (!crldp || !cert.crlDistributionPoints) findings.add('cert.crldp.missing', {});
  else {
    if (crldp.critical) findings.add('cert.crldp.critical', {}, crldp.range);
    const dps = cert.crlDistributionPoints;
    if (dps.length !== 1) findings.add('cert.crldp.count', { count: dps.length }, crldp.range);
    for (const dp of dps) {
      if (dp.reasons) findings.add('cert.crldp.reasons', {}, dp.range);
      if (dp.cRLIssuer) findings.add('cert.crldp.crl-issuer', {}, dp.range);
      if (!dp.fullName) findings.add('cert.crldp.no-full-name', {}, dp.range);
      else nonUri(dp.fullName, 'cRLDistributionPoints', findings);
    }
    if (!cert.crlDp.some((u) => hasScheme(u, 'rsync'))) findings.add('cert.crldp.no-rsync', { uris: list(cert.crlDp) }, crldp.range);
  }

  // §4.8.7 Authority Information Access: absent from self-signed; otherwise non-critical, id-ad-caIssuers with an rsync URI.
  const aia = ext(OID.authorityInfoAccess);
  if (kind === 'ta') {
    if (aia) findings.add('cert.aia.in-ta', {}, aia.range);
  } else if (!aia || !cert.authorityInfoAccess) findings.add('cert.aia.missing', {});
  else {
    if (aia.critical) findings.add('cert.aia.critical', {}, aia.range);
    for (const ad of cert.authorityInfoAccess) {
      if (ad.method !== OID.adCaIssuers) findings.add('cert.aia.access-method', { method: ad.method }, ad.range);
    }
    nonUri(cert.authorityInfoAccess.map((ad) => ad.location), 'authorityInfoAccess', findings);
    if (!cert.aia.some((u) => hasScheme(u, 'rsync'))) findings.add('cert.aia.no-rsync', { uris: list(cert.aia) }, aia.range);
  }

  // §4.8.8 Subject Information Access: non-critical; §4.8.8.1 CA: caRepository and rpkiManifest rsync URIs,
  // rpkiNotify (RFC 8182 §3.2) https; §4.8.8.2 EE: signedObject rsync URI; routers: absent (RFC 8209 §3.1.3.3).
  const sia = ext(OID.subjectInfoAccess);
  if (kind === 'router') {
    if (sia) findings.add('cert.sia.in-router', {}, sia.range);
  } else if (!sia || !cert.subjectInfoAccess) {
    if (!(kind === 'ee' && options.eeWithoutSia)) findings.add('cert.sia.missing', { kind });
  } else {
    if (sia.critical) findings.add('cert.sia.critical', {}, sia.range);
    const ads = cert.subjectInfoAccess;
    nonUri(ads.map((ad) => ad.location), 'subjectInfoAccess', findings);
    const s = cert.sia;
    if (isCa) {
      for (const ad of ads) {
        if (ad.method !== OID.adCaRepository && ad.method !== OID.adRpkiManifest && ad.method !== OID.adRpkiNotify) {
          findings.add('cert.sia.access-method', { method: ad.method, kind }, ad.range);
        }
      }
      if (!s.caRepository) findings.add('cert.sia.ca-repository.missing', { uris: list(locations(ads, OID.adCaRepository)) }, sia.range);
      if (!s.rpkiManifest) findings.add('cert.sia.manifest.missing', { uris: list(locations(ads, OID.adRpkiManifest)) }, sia.range);
      for (const u of locations(ads, OID.adRpkiNotify)) if (!hasScheme(u, 'https')) findings.add('cert.sia.notify.not-https', { uri: u }, sia.range);
    } else {
      // RFC 6487 erratum 7239: rpkiNotify occurs in EE certificates in the wild and is tolerated, as by rpki-client.
      for (const ad of ads) {
        if (ad.method !== OID.adSignedObject && ad.method !== OID.adRpkiNotify) {
          findings.add('cert.sia.access-method', { method: ad.method, kind }, ad.range);
        }
      }
      if (!s.signedObject) findings.add('cert.sia.signed-object.missing', { uris: list(locations(ads, OID.adSignedObject)) }, sia.range);
    }
  }

  // §4.8.9 Certificate Policies: critical, exactly one policy, id-cp-ipAddr-asNumber; at most a CPS qualifier (RFC 7318 §2).
  const cp = ext(OID.certificatePolicies);
  if (!cp || !cert.policies) findings.add('cert.policies.missing', {});
  else {
    if (!cp.critical) findings.add('cert.policies.not-critical', {}, cp.range);
    if (cert.policies.length !== 1) findings.add('cert.policies.count', { count: cert.policies.length }, cp.range);
    for (const p of cert.policies) {
      if (p.policy !== OID.cpIpAddrAsNumber) findings.add('cert.policies.unknown', { policy: p.policy }, p.range);
      if (p.qualifiers.length > 1 || p.qualifiers.some((q) => q.id !== OID.qtCps)) {
        findings.add('cert.policies.qualifier', { qualifiers: p.qualifiers.map((q) => q.id).join(', ') }, p.range);
      }
    }
  }

  // §4.8.10 IP resources, §4.8.11 AS resources: at least one, each critical.
  inspectResources(cert, ext(OID.ipAddrBlocks), ext(OID.autonomousSysIds), findings);

  // §4.8: other extensions. RFC 5280 §4.2: an unrecognised critical extension rejects the certificate.
  for (const e of cert.extensions) {
    if (KNOWN.has(e.oid)) continue;
    findings.add(e.critical ? 'cert.extension.unknown-critical' : 'cert.extension.unknown', { extension: extensionName(e.oid) }, e.range);
  }
}

function inspectPublicKey(cert: ResourceCert, findings: Findings): void {
  const { algorithm } = cert.subjectPublicKeyInfo;
  const key = cert.publicKey;
  const at = algorithm.range;
  if (cert.kind === 'router') {
    // RFC 8608 §3.1: id-ecPublicKey on the named curve P-256, uncompressed point.
    if (key.type !== 'ec' || key.curve !== 'P-256') {
      findings.add('cert.public-key.not-p256', { algorithm: key.type === 'ec' ? `EC ${key.curve}` : algorithmName(algorithm.oid) }, at);
    } else if (key.point.length !== 65 || key.point[0] !== 0x04) {
      findings.add('cert.public-key.ec-point', { length: key.point.length }, at);
    }
    return;
  }
  // RFC 7935 §3.1: rsaEncryption with NULL parameters; §3: a 2048-bit modulus and the exponent 65,537.
  if (key.type !== 'rsa') {
    findings.add('cert.public-key.not-rsa', { algorithm: algorithmName(algorithm.oid) }, at);
    return;
  }
  if (algorithm.params !== 'null') findings.add('cert.public-key.rsa-params', {}, at);
  if (key.bits !== 2048) findings.add('cert.public-key.rsa-size', { bits: key.bits }, at);
  const e = exponentValue(key.exponent);
  if (e !== 65537) findings.add('cert.public-key.rsa-exponent', { exponent: Number.isFinite(e) ? e : `0x${hex(key.exponent)}` }, at);
}

function inspectResources(cert: ResourceCert, ip: Extension | undefined, as: Extension | undefined, findings: Findings): void {
  if (!ip && !as) {
    findings.add('cert.resources.missing', {});
    return;
  }
  if (ip && !ip.critical) findings.add('cert.ip-resources.not-critical', {}, ip.range);
  if (as && !as.critical) findings.add('cert.as-resources.not-critical', {}, as.range);
  const ipRes = cert.ipResources?.resources;
  const asRes = cert.asResources?.resources;
  if (cert.kind === 'ta') {
    // RFC 8630 §2.3: a trust anchor has nothing to inherit from.
    const inherits = [
      ipRes?.ipv4 === 'inherit' ? 'IPv4' : '',
      ipRes?.ipv6 === 'inherit' ? 'IPv6' : '',
      asRes?.asnum === 'inherit' ? 'AS' : '',
    ].filter(Boolean);
    if (inherits.length) findings.add('cert.ta.inherit', { families: inherits.join(', ') });
  }
  if (cert.kind === 'router') {
    // RFC 8209 §3.1.3.4: no IP resources; §3.1.3.5: AS resources, without inherit.
    if (ip) findings.add('cert.router.ip-resources', {}, ip.range);
    if (!as) findings.add('cert.router.as-resources.missing', {});
    else if (asRes?.asnum === 'inherit') findings.add('cert.router.as-resources.inherit', {}, as.range);
  }
}

function nonUri(names: readonly GeneralName[], extension: string, findings: Findings): void {
  for (const n of names) if (n.kind === 'other') findings.add('cert.access-location.not-uri', { extension, type: n.type }, n.range);
}

function list(u: readonly string[] | undefined): string {
  return u && u.length ? u.join(' ') : 'none';
}
