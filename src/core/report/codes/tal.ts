import type { CodeInfo } from '../catalog.ts';

/** Trust Anchor Locators, RFC 8630 §2.2 (file format) and §2.3 (URIs and key). */
export const talCodes = {
  'tal.encoding.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'The TAL is not UTF-8 text.',
    why: 'A TAL is a text file: optional comments in UTF-8, URIs, a blank line and a base64 key. Bytes that are not UTF-8 mean this is not a TAL (a DER certificate dropped in by mistake, for example).',
  },
  'tal.empty': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'The TAL is empty.',
    why: 'A TAL must hold at least one URI and the trust anchor\'s public key.',
  },
  'tal.format.ripe-extended': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'This is a RIPE NCC "extended TAL" (key = value lines such as {key}), not an RFC 8630 TAL.',
    why: 'The RIPE NCC RPKI Validator once used its own key=value TAL format (ca.name, certificate.location, public.key.info). Convert it to RFC 8630: the URIs of certificate.location one per line, a blank line, then the public.key.info value.',
  },
  'tal.comment.misplaced': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'Line {line} is a comment after the URI section; comments may only open the file.',
    why: 'RFC 8630 allows comment lines starting with "#" only before the URIs. A comment elsewhere means the file was edited by hand and may not say what was meant.',
  },
  'tal.uri.missing': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'The TAL lists no URI for the trust anchor certificate.',
    why: 'Without a URI there is no way to fetch the trust anchor certificate that the key in the TAL is meant to verify.',
  },
  'tal.uri.http': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'Line {line}: "{uri}" uses plain http; TAL URIs must be rsync or https.',
    why: 'RFC 8630 allows only rsync and HTTPS URIs. Plain HTTP lets anyone on the path replace the trust anchor certificate; the key check would catch a forged one, but a validator must not fetch over an unauthenticated channel that the TAL format forbids.',
  },
  'tal.uri.scheme': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'Line {line}: "{uri}" is neither an rsync nor an https URI.',
    why: 'RFC 8630 allows only rsync and HTTPS URIs for the trust anchor certificate.',
  },
  'tal.uri.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'Line {line}: "{uri}" is not a URI naming a host and an object on it.',
    why: 'Each TA URI must reference a single object, the trust anchor certificate, so it needs a host and a path.',
  },
  'tal.uri.whitespace': {
    severity: 'warning',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'Line {line}: the URI is surrounded by blanks, which RPKI Lens ignores.',
    why: 'Each line of the URI section holds one URI and nothing else. Leading or trailing blanks are harmless but some validators read them as part of the URI.',
  },
  'tal.separator.missing': {
    severity: 'warning',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'No blank line separates the URI section from the key (line {line}), as in the older RFC 6490 format.',
    why: 'RFC 8630 (like RFC 7730 before it) puts an empty line between the URIs and the base64 key, so that several URIs can be listed. Single-URI TALs written to RFC 6490 have none; RPKI Lens reads them, but FORT, for one, rejects them.',
  },
  'tal.key.missing': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'The TAL holds no public key after its URIs.',
    why: 'The key is what makes a TAL a trust anchor: the certificate fetched from the URIs is accepted only if it carries this key.',
  },
  'tal.key.base64': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 8630, section: '2.2' },
    sentence: 'The public key is not valid base64 ({reason}).',
    why: 'The key is a DER SubjectPublicKeyInfo encoded in base64 (RFC 4648 §4), possibly wrapped over several lines. Other characters (a PEM header, for instance) mean the key cannot be read.',
  },
} as const satisfies Record<string, CodeInfo>;
