/**
 * Trust Anchor Locator, RFC 8630 §2.2: a text file of
 *
 *   1. an optional comment section, lines starting with "#",
 *   2. a URI section, one rsync or https URI of the trust anchor certificate per line,
 *   3. a line break (an empty line),
 *   4. the trust anchor's SubjectPublicKeyInfo (RFC 5280 §4.1), DER, in base64 (RFC 4648 §4), which may be
 *      wrapped over several lines.
 *
 * Lines end in CRLF or LF. The older single-URI form of RFC 6490, without the empty line, is read with a warning;
 * the RIPE NCC key=value "extended TAL" is recognised and refused. The key is parsed as a SubjectPublicKeyInfo
 * here; comparing it with the trust anchor certificate's key is the validator's job.
 */
import { Findings, Reject, decodeWith, type Decoded } from '../report/finding.ts';
import { DerReader, Tag } from '../der/reader.ts';
import { decodeSubjectPublicKeyInfo } from '../x509/spki.ts';

export interface Tal {
  /** The file name without directory and ".tal", else the certificate name of the first URI. */
  name: string;
  /** Comment lines without the leading "# ". */
  comments: string[];
  /** rsync and https URIs of the trust anchor certificate, in file order: the order to try them in. */
  uris: string[];
  /** The DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** The key as written, whitespace removed. */
  spkiBase64: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Keys of the RIPE NCC RPKI Validator's extended TAL format. */
const RIPE_EXTENDED = /^\s*(ca\.name|certificate\.location|public\.key\.info|prefetch\.uris)\s*=/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** A host, then a path that names an object (not a directory). */
const AUTHORITY_AND_OBJECT = /^[A-Za-z]+:\/\/[^/\s?#]+\/\S*[^/\s]$/;

export function decodeTal(text: string | Uint8Array, name?: string): Decoded<Tal> {
  const findings = new Findings();
  return decodeWith(findings, () => parseTal(text, name, findings));
}

function parseTal(input: string | Uint8Array, fileName: string | undefined, findings: Findings): Tal {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = utf8.decode(input);
    } catch {
      throw new Reject('tal.encoding.invalid');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (lines.every((l) => l.trim() === '')) throw new Reject('tal.empty');
  const extended = lines.find((l) => RIPE_EXTENDED.test(l));
  if (extended) throw new Reject('tal.format.ripe-extended', { key: extended.split('=')[0].trim() });

  let i = 0;
  const comments: string[] = [];
  for (; i < lines.length && lines[i].startsWith('#'); i++) comments.push(lines[i].slice(1).replace(/^ /, ''));

  const uris: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') {
      if (uris.length > 0) {
        i++;
        break;
      }
      continue;
    }
    if (line.startsWith('#')) {
      findings.add('tal.comment.misplaced', { line: i + 1 });
      continue;
    }
    const scheme = SCHEME.exec(line)?.[1].toLowerCase();
    // Base64 has no ":", so the first line without a scheme is the key: the RFC 6490 form had no empty line.
    if (!scheme) {
      if (uris.length > 0) findings.add('tal.separator.missing', { line: i + 1 });
      break;
    }
    if (line !== lines[i]) findings.once('tal.uri.whitespace', { line: i + 1 });
    const params = { line: i + 1, uri: line };
    if (scheme === 'http') findings.add('tal.uri.http', params);
    else if (scheme !== 'rsync' && scheme !== 'https') findings.add('tal.uri.scheme', params);
    else if (!AUTHORITY_AND_OBJECT.test(line)) findings.add('tal.uri.invalid', params);
    uris.push(line);
  }
  if (uris.length === 0) throw new Reject('tal.uri.missing');

  const spkiBase64 = lines.slice(i).join('').replace(/\s+/g, '');
  if (spkiBase64 === '') throw new Reject('tal.key.missing');
  const decoded = decodeBase64(spkiBase64);
  if (!decoded.ok) throw new Reject('tal.key.base64', { reason: decoded.reason });
  const spki = decoded.bytes;
  const r = DerReader.of(spki, 'subjectPublicKeyInfo');
  decodeSubjectPublicKeyInfo(r.expect(Tag.SEQUENCE, 'subjectPublicKeyInfo'));
  r.finish();

  return { name: talName(fileName, uris[0]), comments, uris, spki, spkiBase64 };
}

function talName(fileName: string | undefined, firstUri: string): string {
  const base = (s: string) => s.slice(s.lastIndexOf('/') + 1);
  if (fileName) return base(fileName.replace(/\\/g, '/')).replace(/\.tal$/i, '');
  return base(firstUri).replace(/\.cer$/i, '');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTET = new Int8Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) SEXTET[ALPHABET.charCodeAt(k)] = k;

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * RFC 4648 §4 base64 of a string without whitespace. Padding may be omitted; when present it must complete the
 * last quantum. Bits left over after the last octet must be zero (§3.5), so that each key has one spelling.
 */
export function decodeBase64(s: string): Base64Result {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x3d && s.length - end < 2) end--;
  if (end < s.length && s.length % 4 !== 0) return { ok: false, reason: 'padding does not complete the last group of four' };
  if (end % 4 === 1) return { ok: false, reason: `${end} characters cannot encode whole octets` };
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let k = 0; k < end; k++) {
    const c = s.charCodeAt(k);
    const v = c < 128 ? SEXTET[c] : -1;
    if (v < 0) return { ok: false, reason: `character "${s[k]}" at position ${k + 1}` };
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (acc & ((1 << bits) - 1)) return { ok: false, reason: 'non-zero bits after the last octet' };
  return { ok: true, bytes: out };
}
