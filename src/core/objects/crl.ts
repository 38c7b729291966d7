/**
 * Certificate revocation lists: X.509 v2 CRLs (RFC 5280 §5.1) under the RPKI profile of RFC 6487 §5.
 *
 *   CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 *   TBSCertList ::= SEQUENCE {
 *     version             Version OPTIONAL,   -- if present, MUST be v2
 *     signature           AlgorithmIdentifier,
 *     issuer              Name,
 *     thisUpdate          Time,
 *     nextUpdate          Time OPTIONAL,
 *     revokedCertificates SEQUENCE OF SEQUENCE {
 *       userCertificate    CertificateSerialNumber,
 *       revocationDate     Time,
 *       crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
 *     crlExtensions       [0] EXPLICIT Extensions OPTIONAL }
 *
 * decodeCrl reads the structure; inspectCrl applies RFC 6487 §5. Issuer name, AKI, signature and currency are
 * checked against the issuing CA by verification.
 */
import { Tag, ctx, DerReader } from '../der/reader.ts';
import { hex, readInt, readSerialHex } from '../der/values.ts';
import { Findings, Reject, decodeWith, type ByteRange, type Decoded } from '../report/finding.ts';
import { algorithmName, checkSignatureAlgorithm, decodeAlgorithmIdentifier, sameAlgorithm, SHA256_WITH_RSA, type AlgorithmIdentifier } from '../x509/algorithm.ts';
import {
  decodeAuthorityKeyIdentifier,
  decodeCrlNumber,
  decodeExtensions,
  decodeTaggedExtensions,
  extensionName,
  OID,
  type AuthorityKeyIdentifier,
  type Extension,
} from '../x509/extensions.ts';
import { checkName, decodeName, type Name } from '../x509/name.ts';
import { isoTime } from '../time.ts';
import { readSignedEnvelope } from '../x509/signed.ts';
import { readX509Time } from '../x509/time.ts';

export interface RevokedCertificate {
  /** Serial number, lowercase hex without leading zeros ('-' prefixed when negative). */
  serial: string;
  /** Unix seconds. */
  date: number;
  /** Contents octets of the userCertificate INTEGER. */
  serialLength: number;
  /** The entry carries crlEntryExtensions (RFC 6487 §5 forbids them). */
  hasExtensions: boolean;
  range: ByteRange;
}

export interface Crl {
  /** The whole CertificateList TLV. */
  bytes: Uint8Array;
  /** The whole TBSCertList TLV: what the signature covers. */
  tbs: Uint8Array;
  /** The Version INTEGER as encoded (1 means v2), undefined when absent (v1). */
  version?: number;
  /** OID of CertificateList.signatureAlgorithm. */
  signatureAlgorithm: string;
  algorithms: { outer: AlgorithmIdentifier; tbs: AlgorithmIdentifier };
  signature: Uint8Array;
  issuer: Name;
  /** Unix seconds. */
  thisUpdate: number;
  nextUpdate: number;
  revoked: RevokedCertificate[];
  /** The revoked serials, for O(1) lookup by ResourceCert.serial. */
  revokedSerials: Set<string>;
  /** revokedCertificates is present but has no entries (RFC 5280 §5.1.2.6 wants it absent then). */
  revokedListEmpty: boolean;
  extensions: Extension[];
  /** The authority key identifier as lowercase hex: the issuing CA's SKI. */
  aki?: string;
  authorityKeyIdentifier?: AuthorityKeyIdentifier;
  crlNumber?: bigint;
  /** Contents octets of the CRLNumber INTEGER. */
  crlNumberLength?: number;
}

/** Decodes a DER CRL. Never throws. */
export function decodeCrl(bytes: Uint8Array): Decoded<Crl> {
  const findings = new Findings();
  return decodeWith(findings, () => {
    const top = DerReader.of(bytes, 'CertificateList');
    const list = top.expect(Tag.SEQUENCE, 'CertificateList');
    top.finish();
    const { tbs: tbsT, outer, signature } = readSignedEnvelope(list, 'tbsCertList');

    const r = tbsT.children();
    const versionT = r.optional(Tag.INTEGER, 'version');
    const version = versionT ? readInt(versionT, Number.MIN_SAFE_INTEGER) : undefined;
    const tbsAlg = decodeAlgorithmIdentifier(r.expect(Tag.SEQUENCE, 'signature'));
    const issuer = decodeName(r.expect(Tag.SEQUENCE, 'issuer'));
    const thisUpdate = readX509Time(r.read('thisUpdate'), findings);
    const next = r.peek();
    // RFC 6487 §5: nextUpdate MUST be present; without it the CRL's currency cannot be judged.
    if (next !== Tag.UTCTime && next !== Tag.GeneralizedTime) {
      throw new Reject('crl.next-update.missing', {}, { start: r.pos, end: r.pos });
    }
    const nextUpdate = readX509Time(r.read('nextUpdate'), findings);
    const revoked: RevokedCertificate[] = [];
    const revokedT = r.optional(Tag.SEQUENCE, 'revokedCertificates');
    if (revokedT) {
      for (const entry of revokedT.children().each('revokedCertificates')) {
        if (entry.tag !== Tag.SEQUENCE) entry.reject('a revoked certificate entry must be a SEQUENCE');
        const er = entry.children();
        const serialT = er.expect(Tag.INTEGER, 'userCertificate');
        const date = readX509Time(er.read('revocationDate'), findings);
        const entryExt = er.optional(Tag.SEQUENCE, 'crlEntryExtensions');
        if (entryExt) decodeExtensions(entryExt, findings);
        er.finish();
        revoked.push({ serial: readSerialHex(serialT), date, serialLength: serialT.length, hasExtensions: !!entryExt, range: entry.range });
      }
    }
    const extT = r.optional(ctx(0), 'crlExtensions');
    r.finish();
    const extensions = decodeTaggedExtensions(extT, 'crlExtensions', findings);

    const crl: Crl = {
      bytes: list.bytes,
      tbs: tbsT.bytes,
      signatureAlgorithm: outer.oid,
      algorithms: { outer, tbs: tbsAlg },
      signature,
      issuer,
      thisUpdate,
      nextUpdate,
      revoked,
      revokedSerials: new Set(revoked.map((e) => e.serial)),
      revokedListEmpty: revokedT !== undefined && revoked.length === 0,
      extensions,
    };
    if (version !== undefined) crl.version = version;
    for (const e of extensions) {
      if (e.duplicate) continue;
      if (e.oid === OID.authorityKeyIdentifier) {
        crl.authorityKeyIdentifier = decodeAuthorityKeyIdentifier(e.value);
        if (crl.authorityKeyIdentifier.keyIdentifier) crl.aki = hex(crl.authorityKeyIdentifier.keyIdentifier);
      } else if (e.oid === OID.crlNumber) {
        crl.crlNumber = decodeCrlNumber(e.value);
        crl.crlNumberLength = e.value.length;
      }
    }
    return crl;
  });
}

/** 2^159: serials and CRL numbers are non-negative and fit in 20 octets (RFC 5280 §4.1.2.2, §5.2.3). */
const TWENTY_OCTETS = 1n << 159n;

/** RFC 6487 §5 profile checks on one CRL. */
export function inspectCrl(crl: Crl, findings: Findings): void {
  // Version: v2.
  if (crl.version !== 1) findings.add('crl.version.not-v2', { version: crl.version === undefined ? 'absent (v1)' : crl.version + 1 });
  // Signature algorithm: sha256WithRSAEncryption (RFC 7935 §2), the same in both places (RFC 5280 §5.1.1.2).
  const { outer, tbs } = crl.algorithms;
  if (!sameAlgorithm(outer, tbs)) {
    findings.add('crl.signature-algorithm.mismatch', { outer: algorithmName(outer.oid), tbs: algorithmName(tbs.oid) }, outer.range);
  }
  if (tbs.oid !== SHA256_WITH_RSA) findings.add('crl.signature-algorithm.unsupported', { algorithm: algorithmName(tbs.oid) }, tbs.range);
  else checkSignatureAlgorithm(tbs, findings);
  // Issuer: the profile of RFC 6487 §4.4.
  checkName(crl.issuer, 'issuer', findings);
  // thisUpdate precedes nextUpdate (RFC 5280 §5.1.2.5); currency at an evaluation time is verification's.
  if (crl.thisUpdate > crl.nextUpdate) {
    findings.add('crl.updates-crossed', { thisUpdate: isoTime(crl.thisUpdate), nextUpdate: isoTime(crl.nextUpdate) });
  }
  // RFC 5280 §5.1.2.6: an empty list is omitted. Krill and rpki-rs emit one; production validators accept it.
  if (crl.revokedListEmpty) findings.add('crl.revoked.empty', {});
  // Entries: a serial number as in RFC 5280 §4.1.2.2 and a date, no entry extensions (RFC 6487 §5). Reported once per kind.
  const serial = crl.revoked.find((e) => e.serial === '0' || e.serial.startsWith('-') || e.serialLength > 20);
  if (serial) findings.add('crl.entry.serial', { serial: serial.serial }, serial.range);
  const withExt = crl.revoked.find((e) => e.hasExtensions);
  if (withExt) findings.add('crl.entry.extensions', { serial: withExt.serial }, withExt.range);
  // Extensions: exactly AKI and CRL Number, both non-critical.
  const ext = (oid: string) => crl.extensions.find((e) => e.oid === oid);
  const aki = ext(OID.authorityKeyIdentifier);
  if (!aki || !crl.authorityKeyIdentifier) findings.add('crl.aki.missing', {});
  else {
    const a = crl.authorityKeyIdentifier;
    if (aki.critical) findings.add('crl.aki.critical', {}, aki.range);
    if (a.authorityCertIssuer || a.authorityCertSerialNumber) findings.add('crl.aki.issuer-serial', {}, aki.range);
    if (!a.keyIdentifier) findings.add('crl.aki.key-identifier.missing', {}, aki.range);
    else if (a.keyIdentifier.length !== 20) findings.add('crl.aki.length', { length: a.keyIdentifier.length }, aki.range);
  }
  const num = ext(OID.crlNumber);
  if (!num || crl.crlNumber === undefined) findings.add('crl.number.missing', {});
  else {
    if (num.critical) findings.add('crl.number.critical', {}, num.range);
    if (crl.crlNumber < 0n || crl.crlNumber >= TWENTY_OCTETS) findings.add('crl.number.range', { number: crl.crlNumber.toString() }, num.range);
  }
  for (const e of crl.extensions) {
    if (e.oid !== OID.authorityKeyIdentifier && e.oid !== OID.crlNumber) {
      findings.add('crl.extension.forbidden', { extension: extensionName(e.oid) }, e.range);
    }
  }
}
