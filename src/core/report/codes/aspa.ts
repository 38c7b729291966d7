import type { CodeInfo } from '../catalog.ts';

const DRAFT = 'draft-ietf-sidrops-aspa-profile-30';

/** Autonomous System Provider Authorizations, draft-ietf-sidrops-aspa-profile (not yet an RFC). */
export const aspaCodes = {
  'aspa.profile.obsolete': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3' },
    sentence: 'The ASPA uses an obsolete draft encoding ({reason}).',
    why: 'Before profile version 15 (2023) the eContent had no version 1, an address family field or providers as SEQUENCE {asid, afiLimit}. Objects in that encoding are not ASPAs under the current profile; relying parties reject them.',
  },
  'aspa.version.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.1' },
    sentence: 'The ASPA version is {value}; it must be 1 and explicitly encoded.',
    why: 'Version 1 marks the current profile; an absent version (the DEFAULT 0) identifies an object made under an earlier draft.',
  },
  'aspa.customer-asid.zero': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.2' },
    sentence: 'The customer AS is AS0.',
    why: 'The customerASID is a positive integer: AS0 is reserved (RFC 7607) and cannot have providers.',
  },
  'aspa.providers.empty': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3' },
    sentence: 'The ASPA lists no provider AS.',
    why: 'providers is SEQUENCE (SIZE(1..MAX)) OF ASID; an empty list is malformed.',
  },
  'aspa.providers.not-sorted': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3' },
    sentence: 'The provider AS{provider} is out of ascending order.',
    why: 'Providers must be listed in ascending order so that every provider set has exactly one encoding.',
  },
  'aspa.providers.duplicate': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3' },
    sentence: 'The provider AS{provider} is listed more than once.',
    why: 'Each provider must appear once in the list.',
  },
  'aspa.providers.contains-customer': {
    severity: 'error',
    stage: 'decode',
    spec: { draft: DRAFT, section: '3.3' },
    sentence: 'The customer AS{customer} is listed as its own provider.',
    why: 'An AS cannot be its own provider; the customerASID must not appear among the providers.',
  },
  'aspa.ee.as-resources.missing': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '4' },
    sentence: 'The EE certificate has no AS identifier delegation extension.',
    why: 'The customer AS must be contained in the EE certificate AS resources, so the extension must be present.',
  },
  'aspa.ee.as-resources.inherit': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '4' },
    sentence: 'The EE certificate AS resources use "inherit".',
    why: 'An ASPA EE certificate must list its AS numbers explicitly so that the customer AS can be checked against it.',
  },
  'aspa.ee.ip-resources.present': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '4' },
    sentence: 'The EE certificate carries an IP address delegation extension, which ASPA EE certificates must not have.',
    why: 'An ASPA is about AS relationships only; its EE certificate carries AS resources and no addresses.',
  },
  'aspa.customer.outside-ee': {
    severity: 'error',
    stage: 'inspect',
    spec: { draft: DRAFT, section: '4' },
    sentence: 'The customer AS{asn} is not within the AS resources of the EE certificate.',
    why: 'Only the holder of the customer AS may state its providers.',
  },
} as const satisfies Record<string, CodeInfo>;
