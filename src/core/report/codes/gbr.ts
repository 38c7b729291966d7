import type { CodeInfo } from '../catalog.ts';

/** Ghostbusters records, RFC 6493 (a vCard, RFC 6350, restricted to a few properties). */
export const gbrCodes = {
  'gbr.vcard.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 6493, section: '5' },
    sentence: 'The eContent is not a vCard ({reason}).',
    why: 'The payload of a Ghostbusters record is a UTF-8 vCard from BEGIN:VCARD to END:VCARD; anything else cannot be shown as contact data.',
  },
  'gbr.vcard.version': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 6493, section: '5' },
    sentence: 'The vCard version is "{version}"; it must be 4.0, right after BEGIN:VCARD.',
    why: 'The profile is defined on vCard 4.0 (RFC 6350). Several real records use 3.0; rpki-client rejected those too.',
  },
  'gbr.vcard.property-forbidden': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 6493, section: '5' },
    sentence: 'The vCard property {name} is not allowed in a Ghostbusters record.',
    why: 'Only BEGIN, VERSION, FN, ORG, ADR, TEL, EMAIL and END may appear, keeping the record to contact data for operational problems.',
  },
  'gbr.vcard.fn-missing': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 6493, section: '5' },
    sentence: 'The vCard has no FN (formatted name) property.',
    why: 'FN is mandatory: the record must say whom it names.',
  },
  'gbr.vcard.no-contact': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 6493, section: '5' },
    sentence: 'The vCard has none of ADR, TEL or EMAIL.',
    why: 'A Ghostbusters record exists to reach someone; at least one way of contact is required.',
  },
  'gbr.ee.resources-not-inherit': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6493, section: '6' },
    sentence: 'The Ghostbusters EE certificate lists {family} resources explicitly instead of "inherit".',
    why: 'A Ghostbusters record speaks for its CA as a whole, so its EE certificate inherits the CA resources.',
  },
} as const satisfies Record<string, CodeInfo>;
