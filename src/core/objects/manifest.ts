/**
 * Manifest, RFC 9286.
 *
 *   Manifest ::= SEQUENCE {
 *     version        [0] INTEGER DEFAULT 0,
 *     manifestNumber     INTEGER (0..MAX),
 *     thisUpdate         GeneralizedTime,
 *     nextUpdate         GeneralizedTime,
 *     fileHashAlg        OBJECT IDENTIFIER,
 *     fileList           SEQUENCE SIZE (0..MAX) OF FileAndHash }
 *   FileAndHash ::= SEQUENCE { file IA5String, hash BIT STRING }
 *
 * The module uses EXPLICIT TAGS.
 */
import { Tag, type DerReader } from '../der/reader.ts';
import { readBigInt, readBitString, readIa5, readOid, readTime } from '../der/values.ts';
import { Findings, decodeWith, type ByteRange, type Decoded } from '../report/finding.ts';
import {
  EContentType,
  decodeEContent,
  SHA256,
  checkVersion,
  readSignedContent,
  explicitResourceFamilies,
  inspectSignedObject,
  readEContentVersion,
  type SignedObject,
} from './signed-object.ts';
import { isoTime } from '../time.ts';

export interface FileAndHash {
  file: string;
  /** The SHA-256 hash (the BIT STRING's octets). */
  hash: Uint8Array;
  range: ByteRange;
}

export interface ManifestContent {
  version: number;
  manifestNumber: bigint;
  /** The manifest number in lowercase hex, as validators print it. */
  manifestNumberHex: string;
  /** Unix seconds. */
  thisUpdate: number;
  nextUpdate: number;
  fileHashAlg: string;
  fileList: FileAndHash[];
}

export interface Manifest extends ManifestContent {
  signedObject: SignedObject;
}

/** File extensions of the IANA "RPKI Repository Name Schemes" registry (RFC 6481 §7.2 and its updates). */
const KNOWN_EXTENSIONS = new Set(['asa', 'cer', 'crl', 'gbr', 'mft', 'roa', 'sig', 'spl', 'tak']);

// §4.2.2: one or more of a-z A-Z 0-9 - _, a single dot, a three-letter extension.
const FILE_NAME = /^[A-Za-z0-9_-]+\.([A-Za-z]{3})$/;

export function decodeManifest(bytes: Uint8Array): Decoded<Manifest> {
  const findings = new Findings();
  return decodeWith(findings, () => readManifest(bytes, findings));
}

/** A bare manifest eContent (the DER inside the signed object). */
export function decodeManifestContent(bytes: Uint8Array): Decoded<ManifestContent> {
  return decodeEContent(bytes, readManifestContent);
}

/** decodeManifest's body for callers that want the value even when it has errors. Throws Reject. */
export function readManifest(bytes: Uint8Array, findings: Findings): Manifest {
  return readSignedContent(bytes, findings, EContentType.mft, (signedObject, r) => ({
    signedObject,
    ...readManifestContent(r, findings),
  }));
}

function readManifestContent(top: DerReader, findings: Findings): ManifestContent {
  const seq = top.expect(Tag.SEQUENCE, 'Manifest');
  top.finish();
  const r = seq.children();
  // §4.2.1 version: 0
  const v = readEContentVersion(r, findings);
  checkVersion(v, 0, 'mft.version.invalid', findings);

  // §4.2.1 manifestNumber: non-negative, at most 20 octets
  const numberTlv = r.expect(Tag.INTEGER, 'manifestNumber');
  const manifestNumber = readBigInt(numberTlv);
  if (manifestNumber < 0n) findings.add('mft.manifest-number.negative', { value: manifestNumber.toString() }, numberTlv.range);
  if (numberTlv.length > 20) findings.add('mft.manifest-number.too-long', { length: numberTlv.length }, numberTlv.range);

  // §4.2.1 thisUpdate, nextUpdate: GeneralizedTime, nextUpdate later than thisUpdate
  const thisUpdate = readTime(r.expect(Tag.GeneralizedTime, 'thisUpdate'));
  const nextTlv = r.expect(Tag.GeneralizedTime, 'nextUpdate');
  const nextUpdate = readTime(nextTlv);
  if (nextUpdate <= thisUpdate) {
    findings.add('mft.update.order', { thisUpdate: isoTime(thisUpdate), nextUpdate: isoTime(nextUpdate) }, nextTlv.range);
  }

  // §4.2.1 fileHashAlg: SHA-256 (RFC 7935 §2)
  const algTlv = r.expect(Tag.OID, 'fileHashAlg');
  const fileHashAlg = readOid(algTlv);
  if (fileHashAlg !== SHA256) findings.add('mft.file-hash-alg.unsupported', { oid: fileHashAlg }, algTlv.range);

  const listTlv = r.expect(Tag.SEQUENCE, 'fileList');
  r.finish();
  const fileList: FileAndHash[] = [];
  const names = new Set<string>();
  for (const e of listTlv.children().each('FileAndHash')) {
    if (e.tag !== Tag.SEQUENCE) e.reject('expected a FileAndHash');
    const er = e.children();
    const file = readIa5(er.expect(Tag.IA5String, 'file'));
    const hashTlv = er.expect(Tag.BIT_STRING, 'hash');
    er.finish();
    const hash = readBitString(hashTlv);
    // §4.2.2 names; §4.2.1 a SHA-256 hash per file, each file once
    const m = FILE_NAME.exec(file);
    if (!m) findings.add('mft.file-name.invalid', { file }, e.range);
    else if (!KNOWN_EXTENSIONS.has(m[1])) findings.add('mft.file-name.unknown-extension', { file }, e.range);
    if (hash.bits !== 256) findings.add('mft.file-hash.length', { file, bits: hash.bits }, hashTlv.range);
    if (names.has(file)) findings.add('mft.file-name.duplicate', { file }, e.range);
    names.add(file);
    fileList.push({ file, hash: hash.bytes, range: e.range });
  }
  return {
    version: v.version,
    manifestNumber,
    manifestNumberHex: manifestNumber < 0n ? `-${(-manifestNumber).toString(16)}` : manifestNumber.toString(16),
    thisUpdate,
    nextUpdate,
    fileHashAlg,
    fileList,
  };
}

/**
 * RFC 9286 §5.1 checks on the EE certificate (after the RFC 6488 ones): its resources are "inherit" and its validity
 * covers the manifest interval.
 */
export function inspectManifest(mft: Manifest, findings: Findings): void {
  const so = mft.signedObject;
  inspectSignedObject(so, findings);
  const { ee, eeRange } = so;
  for (const family of explicitResourceFamilies(ee)) findings.add('mft.ee.resources-not-inherit', { family }, eeRange);
  if (mft.thisUpdate < ee.notBefore || mft.nextUpdate > ee.notAfter) {
    findings.add(
      'mft.ee.validity-mismatch',
      {
        thisUpdate: isoTime(mft.thisUpdate),
        nextUpdate: isoTime(mft.nextUpdate),
        notBefore: isoTime(ee.notBefore),
        notAfter: isoTime(ee.notAfter),
      },
      eeRange,
    );
  }
}
