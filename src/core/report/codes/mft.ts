import type { CodeInfo } from '../catalog.ts';

/** Manifests, RFC 9286. */
export const mftCodes = {
  'mft.version.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.1' },
    sentence: 'The manifest version is {value}; it must be 0.',
    why: 'Version 0 is the only manifest version; a relying party cannot know what another version means.',
  },
  'mft.manifest-number.negative': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.1' },
    sentence: 'The manifest number {value} is negative.',
    why: 'manifestNumber is INTEGER (0..MAX): a sequence number that only grows.',
  },
  'mft.manifest-number.too-long': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.1' },
    sentence: 'The manifest number takes {length} octets; at most 20 are allowed.',
    why: 'Like CRL numbers (RFC 5280 §5.2.3), manifest numbers are limited to 20 octets so every implementation can hold them.',
  },
  'mft.update.order': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.1' },
    sentence: 'nextUpdate ({nextUpdate}) is not later than thisUpdate ({thisUpdate}).',
    why: 'A manifest is current from thisUpdate until nextUpdate; a reversed or empty interval means it is never current (RFC 9286 §4.4 makes this a validation check).',
  },
  'mft.file-hash-alg.unsupported': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.1' },
    sentence: 'The file hash algorithm is {oid}; manifests must use SHA-256 (2.16.840.1.101.3.4.2.1).',
    why: 'The hashes on the manifest are checked against the files; RFC 7935 §2 fixes SHA-256 for them.',
  },
  'mft.file-hash.length': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.1' },
    sentence: 'The hash of {file} is {bits} bits long; a SHA-256 hash is 256 bits.',
    why: 'A hash of the wrong length can never match the file, so the entry is unusable.',
  },
  'mft.file-name.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.2' },
    sentence: 'The file name "{file}" is not letters, digits, "-" and "_" followed by a dot and a three-letter extension.',
    why: 'The restricted character set keeps file names safe to use as paths in a local cache (no "/", "..", spaces or non-ASCII).',
  },
  'mft.file-name.unknown-extension': {
    severity: 'warning',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.2' },
    sentence: 'The file name "{file}" has an extension that is not in the IANA RPKI Repository Name Schemes registry.',
    why: 'RFC 9286 requires registered extensions; the 2011 BBN suite treats an unknown one as acceptable, and relying parties simply ignore such files, so this is reported without rejecting the manifest.',
  },
  'mft.file-name.duplicate': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9286, section: '4.2.1' },
    sentence: 'The file {file} is listed more than once.',
    why: 'Each file may appear once; two entries for one name make it ambiguous which hash applies.',
  },
  'mft.ee.resources-not-inherit': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 9286, section: '5.1' },
    sentence: 'The manifest EE certificate lists {family} resources explicitly instead of "inherit".',
    why: 'A manifest speaks for its CA as a whole, so its EE certificate inherits all the CA resources rather than naming some.',
  },
  'mft.ee.validity-mismatch': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 9286, section: '5.1' },
    sentence: 'The manifest interval {thisUpdate} to {nextUpdate} is not within the EE certificate validity {notBefore} to {notAfter}.',
    why: 'The EE certificate validity is meant to coincide with the manifest interval; a manifest current outside it would be valid while its key is not.',
  },
} as const satisfies Record<string, CodeInfo>;
