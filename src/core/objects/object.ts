/**
 * Any RPKI object by file name and content: what the inspector and the CLI `inspect` use. The type comes from the
 * file extension (RFC 6481 §2 and the IANA "RPKI Repository Name Schemes" registry; .tal from RFC 8630), else from
 * the content: a signed object's eContentType, the TBS shape of a certificate or CRL, or the text of a TAL. The
 * object is then decoded and given the inspect-stage checks of its type.
 */
import { DerReader, Tag, ctx } from '../der/reader.ts';
import { readOid } from '../der/values.ts';
import { Findings, Reject, decodeWith, type Decoded, type Finding } from '../report/finding.ts';
import { readAspa, inspectAspa, type Aspa } from './aspa.ts';
import { inspectCert, readCertificate, type ResourceCert } from './cert.ts';
import { decodeCrl, inspectCrl, type Crl } from './crl.ts';
import { readGbr, inspectGbr, type Gbr } from './gbr.ts';
import { readManifest, inspectManifest, type Manifest } from './manifest.ts';
import { readRoa, inspectRoa, type Roa } from './roa.ts';
import { readRsc, inspectRsc, type Rsc } from './rsc.ts';
import { EContentType } from './signed-object.ts';
import { readSpl, inspectSpl, type Spl } from './spl.ts';
import { decodeTal, type Tal } from './tal.ts';
import { readTak, inspectTak, type Tak } from './tak.ts';

export type ObjectType = 'cer' | 'crl' | 'roa' | 'mft' | 'asa' | 'gbr' | 'tak' | 'sig' | 'spl' | 'tal' | 'unknown';

interface Outcome<T extends ObjectType, V> {
  type: T;
  name: string;
  /** No error finding, at any stage. */
  ok: boolean;
  findings: Finding[];
  /** The decoded object, also when later checks found errors; absent when it could not be read. */
  value?: V;
}

export type DecodedObject =
  | Outcome<'cer', ResourceCert>
  | Outcome<'crl', Crl>
  | Outcome<'roa', Roa>
  | Outcome<'mft', Manifest>
  | Outcome<'asa', Aspa>
  | Outcome<'gbr', Gbr>
  | Outcome<'tak', Tak>
  | Outcome<'sig', Rsc>
  | Outcome<'spl', Spl>
  | Outcome<'tal', Tal>
  | Outcome<'unknown', never>;

const EXTENSIONS: ReadonlySet<string> = new Set(['cer', 'crl', 'roa', 'mft', 'asa', 'gbr', 'tak', 'sig', 'spl', 'tal']);

const BY_ECONTENT: Record<string, ObjectType> = {
  [EContentType.roa]: 'roa',
  [EContentType.mft]: 'mft',
  [EContentType.aspa]: 'asa',
  [EContentType.gbr]: 'gbr',
  [EContentType.tak]: 'tak',
  [EContentType.rsc]: 'sig',
  [EContentType.spl]: 'spl',
};

/** The object type by file extension (case-insensitive), else by content. */
export function detectType(name: string, bytes: Uint8Array): ObjectType {
  const ext = /\.([A-Za-z]{3})$/.exec(name)?.[1].toLowerCase();
  if (ext && EXTENSIONS.has(ext)) return ext as ObjectType;
  try {
    return sniffDer(bytes);
  } catch (e) {
    if (!(e instanceof Reject)) throw e;
    return sniffTal(bytes);
  }
}

/** ContentInfo → eContentType; Certificate or CertificateList → which, by the fields of the TBS. */
function sniffDer(bytes: Uint8Array): ObjectType {
  const top = DerReader.of(bytes, 'object', { ber: true }).expect(Tag.SEQUENCE, 'object').children();
  const first = top.read();
  if (first.tag === Tag.OID) {
    // RFC 5652 §3 ContentInfo carrying SignedData (§5.1), its encapContentInfo's eContentType
    if (readOid(first) !== '1.2.840.113549.1.7.2') return 'unknown';
    const sd = top.expect(ctx(0), 'content').children().expect(Tag.SEQUENCE, 'SignedData').children();
    sd.expect(Tag.INTEGER, 'version');
    sd.expect(Tag.SET, 'digestAlgorithms');
    const oid = readOid(sd.expect(Tag.SEQUENCE, 'encapContentInfo').children().expect(Tag.OID, 'eContentType'));
    return BY_ECONTENT[oid] ?? 'unknown';
  }
  if (first.tag !== Tag.SEQUENCE) return 'unknown';
  // RFC 5280 §4.1 TBSCertificate: [0] version?, serial, signature, issuer, validity (a SEQUENCE), ...
  // RFC 5280 §5.1 TBSCertList: version?, signature, issuer, thisUpdate (a Time), ...
  const tbs = first.children();
  const tags: number[] = [];
  while (tags.length < 4 && !tbs.atEnd) tags.push(tbs.read().tag);
  if (tags[0] === ctx(0)) return 'cer';
  if (tags[0] === Tag.SEQUENCE) return 'crl';
  if (tags[0] === Tag.INTEGER && tags[3] === Tag.SEQUENCE) return 'cer';
  if (tags[0] === Tag.INTEGER && (tags[3] === Tag.UTCTime || tags[3] === Tag.GeneralizedTime)) return 'crl';
  return 'unknown';
}

/** RFC 8630 §2.2: optional "#" comments, then an rsync or https URI. */
function sniffTal(bytes: Uint8Array): ObjectType {
  let text = '';
  for (let i = 0; i < bytes.length && i < 4096; i++) text += String.fromCharCode(bytes[i]);
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#'));
  return line && /^(rsync|https):\/\/\S+$/i.test(line.trim()) ? 'tal' : 'unknown';
}

interface Handler<V> {
  /** Reads the object; throws Reject when it cannot be read at all. */
  read(bytes: Uint8Array, findings: Findings, name: string): V | undefined;
  /** The inspect-stage checks of the type. */
  inspect?(value: V, findings: Findings): void;
}

function handler<V>(h: Handler<V>): Handler<unknown> {
  return h as Handler<unknown>;
}

const HANDLERS: Record<ObjectType, Handler<unknown>> = {
  cer: handler({
    read(bytes, findings) {
      const r = DerReader.of(bytes, 'Certificate');
      const t = r.expect(Tag.SEQUENCE, 'Certificate');
      r.finish();
      return readCertificate(t, findings);
    },
    inspect: (cert, findings) => inspectCert(cert, findings),
  }),
  crl: handler({ read: (bytes, findings) => merged(decodeCrl(bytes), findings), inspect: inspectCrl }),
  tal: handler({ read: (bytes, findings, name) => merged(decodeTal(bytes, name), findings) }),
  roa: handler({ read: readRoa, inspect: inspectRoa }),
  mft: handler({ read: readManifest, inspect: inspectManifest }),
  asa: handler({ read: readAspa, inspect: inspectAspa }),
  gbr: handler({ read: readGbr, inspect: inspectGbr }),
  tak: handler({ read: readTak, inspect: inspectTak }),
  sig: handler({ read: readRsc, inspect: inspectRsc }),
  spl: handler({ read: readSpl, inspect: inspectSpl }),
  unknown: handler<never>({
    read(_bytes, findings) {
      findings.add('object.type.unknown');
      return undefined;
    },
  }),
};

/** A Decoded's findings into `findings`, and its value if it has one. */
function merged<V>(d: Decoded<V>, findings: Findings): V | undefined {
  findings.list.push(...d.findings);
  return d.ok ? d.value : undefined;
}

/** Decodes and inspects one object. Never throws. */
export function decodeObject(name: string, bytes: Uint8Array): DecodedObject {
  const findings = new Findings();
  let type: ObjectType = 'unknown';
  let value: unknown;
  decodeWith(findings, () => {
    type = detectType(name, bytes);
    const h = HANDLERS[type];
    value = h.read(bytes, findings, name);
    if (value !== undefined) h.inspect?.(value, findings);
  });
  return { type, name, ok: !findings.hasErrors, findings: findings.list, value } as DecodedObject;
}
