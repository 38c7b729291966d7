import type { CodeInfo } from '../catalog.ts';

const DRAFT = 'draft-ietf-sidrops-rpki-prefixlist-05';

/** Signed Prefix Lists, draft-ietf-sidrops-rpki-prefixlist (not yet an RFC). */
export const splCodes = {
  'spl.version.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.1' },
    sentence: 'The signed prefix list version is {value}; it must be 0.',
    why: 'Version 0 is the only version of the profile; a relying party cannot know what another version means.',
  },
  'spl.as-id.zero': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.2' },
    sentence: 'The signed prefix list is for AS0.',
    why: 'asID is INTEGER (1..4294967295): AS0 originates nothing (RFC 7607), so a prefix list for it has no meaning.',
  },
  'spl.prefix-blocks.size': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3' },
    sentence: 'The signed prefix list has {count} address families; at most two are allowed.',
    why: 'prefixBlocks holds at most one IPv4 and one IPv6 family.',
  },
  'spl.address-family.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3.1.1' },
    sentence: 'The address family {afi} is not 0001 (IPv4) or 0002 (IPv6).',
    why: 'Only IPv4 and IPv6 are defined, as a two-octet AFI without a SAFI.',
  },
  'spl.address-family.order': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3' },
    sentence: 'The address family {afi} is repeated or out of ascending order.',
    why: 'The families must appear in ascending AFI order, each once, so that every prefix list has one encoding.',
  },
  'spl.address-prefixes.empty': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3.1.2' },
    sentence: 'The {afi} family lists no prefixes.',
    why: 'addressPrefixes is SEQUENCE (SIZE(1..MAX)); a family without prefixes is omitted instead.',
  },
  'spl.prefixes.not-canonical': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3.2' },
    sentence: 'The prefix {prefix} is repeated or out of canonical order.',
    why: 'The canonical form (ascending by address, then prefix length, no duplicates) MUST be used, so that every set of prefixes has exactly one encoding.',
  },
  'spl.ee.as-resources.missing': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '5' },
    sentence: 'The EE certificate has no AS identifier delegation extension.',
    why: 'The asID must be contained in the EE certificate AS resources, so the extension must be present.',
  },
  'spl.ee.as-resources.inherit': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '5' },
    sentence: 'The EE certificate AS resources use "inherit".',
    why: 'The AS resources of a signed prefix list EE certificate must be explicit so that the asID can be checked against them.',
  },
  'spl.ee.ip-resources.present': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '5' },
    sentence: 'The EE certificate carries an IP address delegation extension, which signed prefix list EE certificates must not have.',
    why: 'A signed prefix list is signed by the holder of the AS, not of the prefixes; the IP extension is not used.',
  },
  'spl.as-id.outside-ee': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '5' },
    sentence: 'AS{asn} is not within the AS resources of the EE certificate.',
    why: 'Only the holder of an AS may state which prefixes it may originate.',
  },
} as const satisfies Record<string, CodeInfo>;
