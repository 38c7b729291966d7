import type { CodeInfo } from '../catalog.ts';

/** RPKI Signed Checklists, RFC 9323. */
export const rscCodes = {
  'rsc.version.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9323, section: '4.1' },
    sentence: 'The RSC version is {value}; it must be 0.',
    why: 'Version 0 is the only RSC version; a relying party cannot know what another version means.',
  },
  'rsc.resources.empty': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9323, section: '4.2' },
    sentence: 'The ResourceBlock lists neither AS numbers nor IP addresses.',
    why: 'An RSC is signed with resources; at least one of asID and ipAddrBlocks must be present.',
  },
  'rsc.resources.inherit': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9323, section: '4.2' },
    sentence: 'The ResourceBlock uses "inherit" for {family}.',
    why: 'The ResourceBlock names the resources the checklist is signed with explicitly; "inherit" has no meaning there.',
  },
  'rsc.digest-algorithm.unsupported': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9323, section: '4.3' },
    sentence: 'The checklist digest algorithm is {oid}; it must be SHA-256 (2.16.840.1.101.3.4.2.1).',
    why: 'RFC 7935 §2 fixes SHA-256 as the RPKI digest algorithm.',
  },
  'rsc.check-list.empty': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9323, section: '4.4' },
    sentence: 'The checklist is empty.',
    why: 'checkList is SEQUENCE (SIZE(1..MAX)) OF FileNameAndHash: an RSC attests at least one digest.',
  },
  'rsc.file-name.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9323, section: '4.4' },
    sentence: 'The file name "{file}" has characters other than letters, digits, ".", "_" and "-".',
    why: 'FileName is an IA5String restricted to the portable filename characters so that it can be used safely as a path component.',
  },
  'rsc.hash.length': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9323, section: '4.4' },
    sentence: 'A checklist hash is {length} bytes long; a SHA-256 digest is 32 bytes.',
    why: 'The digest algorithm is SHA-256, so a hash of any other length can never match a file.',
  },
  'rsc.ee.resources-inherit': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 9323, section: '5' },
    sentence: 'The EE certificate {family} resources use "inherit".',
    why: 'The ResourceBlock is checked against the EE certificate resources, so they must be explicit.',
  },
  'rsc.resources.outside-ee': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 9323, section: '5' },
    sentence: 'The ResourceBlock claims {resources}, which the EE certificate does not hold.',
    why: 'An RSC can only be signed with resources its EE certificate holds.',
  },
} as const satisfies Record<string, CodeInfo>;
