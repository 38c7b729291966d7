/**
 * Trust Anchor Key, RFC 9691 (ASN.1 module in its Appendix A, EXPLICIT TAGS).
 *
 *   TAK ::= SEQUENCE {
 *     version     [0] INTEGER DEFAULT 0,
 *     current         TAKey,
 *     predecessor [0] TAKey OPTIONAL,
 *     successor   [1] TAKey OPTIONAL }
 *   TAKey ::= SEQUENCE {
 *     comments             SEQUENCE SIZE (0..MAX) OF UTF8String,
 *     certificateURIs      SEQUENCE SIZE (1..MAX) OF CertificateURI,
 *     subjectPublicKeyInfo SubjectPublicKeyInfo }
 *   CertificateURI ::= IA5String
 */
import { Tag, ctx, type DerReader, type Tlv } from '../der/reader.ts';
import { hex, readIa5, readString } from '../der/values.ts';
import { Findings, decodeWith, type Decoded } from '../report/finding.ts';
import { sha1 } from '../x509/sha1.ts';
import { decodeSubjectPublicKeyInfo, type PublicKey } from '../x509/spki.ts';
import {
  EContentType,
  checkVersion,
  readSignedContent,
  explicitResourceFamilies,
  inspectSignedObject,
  readEContentVersion,
  type SignedObject,
} from './signed-object.ts';

export interface TAKey {
  comments: string[];
  certificateUris: string[];
  /** The SubjectPublicKeyInfo TLV, as a TAL would carry it. */
  spki: Uint8Array;
  publicKey: PublicKey;
  /** SHA-1 of the subjectPublicKey (RFC 6487 §4.8.2), lowercase hex: what the TA certificate's SKI must be. */
  ski: string;
}

export interface TrustAnchorKey {
  version: number;
  current: TAKey;
  predecessor?: TAKey;
  successor?: TAKey;
}

export interface Tak extends TrustAnchorKey {
  signedObject: SignedObject;
}

export function decodeTak(bytes: Uint8Array): Decoded<Tak> {
  const findings = new Findings();
  return decodeWith(findings, () => readTak(bytes, findings));
}

/** decodeTak's body for callers that want the value even when it has errors. Throws Reject. */
export function readTak(bytes: Uint8Array, findings: Findings): Tak {
  return readSignedContent(bytes, findings, EContentType.tak, (signedObject, r) => ({
    signedObject,
    ...readTakContent(r, findings),
  }));
}

function readTakContent(top: DerReader, findings: Findings): TrustAnchorKey {
  const seq = top.expect(Tag.SEQUENCE, 'TAK');
  top.finish();
  const r = seq.children();
  // §4.2.2 version: 0
  const v = readEContentVersion(r, findings);
  checkVersion(v, 0, 'tak.version.invalid', findings);
  const out: TrustAnchorKey = { version: v.version, current: readTaKey(r.expect(Tag.SEQUENCE, 'current'), 'current', findings) };
  const predecessor = r.optional(ctx(0), 'predecessor');
  if (predecessor) out.predecessor = readExplicitTaKey(predecessor, 'predecessor', findings);
  const successor = r.optional(ctx(1), 'successor');
  if (successor) out.successor = readExplicitTaKey(successor, 'successor', findings);
  r.finish();
  return out;
}

function readExplicitTaKey(t: Tlv, key: string, findings: Findings): TAKey {
  const r = t.children(key);
  const k = readTaKey(r.expect(Tag.SEQUENCE, key), key, findings);
  r.finish();
  return k;
}

/** §4.2.1 TAKey: comments, at least one rsync or HTTPS certificate URI (RFC 8630 §2.2), the key. */
function readTaKey(t: Tlv, key: string, findings: Findings): TAKey {
  const r = t.children(key);
  const comments: string[] = [];
  for (const c of r.expect(Tag.SEQUENCE, 'comments').children().each('comment')) {
    if (c.tag !== Tag.UTF8String) c.reject('expected a UTF8String');
    comments.push(readString(c));
  }
  const urisTlv = r.expect(Tag.SEQUENCE, 'certificateURIs');
  const certificateUris: string[] = [];
  for (const u of urisTlv.children().each('CertificateURI')) {
    if (u.tag !== Tag.IA5String) u.reject('expected an IA5String');
    const uri = readIa5(u);
    if (!/^(rsync|https):\/\/[^\s/]+\/\S+$/i.test(uri)) findings.add('tak.key.uri-invalid', { key, uri }, u.range);
    certificateUris.push(uri);
  }
  if (certificateUris.length === 0) findings.add('tak.key.no-uri', { key }, urisTlv.range);
  const spkiTlv = r.expect(Tag.SEQUENCE, 'subjectPublicKeyInfo');
  r.finish();
  const info = decodeSubjectPublicKeyInfo(spkiTlv);
  return { comments, certificateUris, spki: info.der, publicKey: info.publicKey, ski: hex(sha1(info.subjectPublicKey)) };
}

/** RFC 9691 §4.3 on the EE certificate (after the RFC 6488 checks): inherited resources, issued by the current key. */
export function inspectTak(tak: Tak, findings: Findings): void {
  const so = tak.signedObject;
  inspectSignedObject(so, findings);
  const { ee, eeRange } = so;
  for (const family of explicitResourceFamilies(ee)) findings.add('tak.ee.resources-not-inherit', { family }, eeRange);
  if (ee.aki !== tak.current.ski) {
    findings.add('tak.current.not-signer', { ski: tak.current.ski, aki: ee.aki ?? 'absent' }, eeRange);
  }
}
