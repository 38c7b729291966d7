import type { CodeInfo } from '../catalog.ts';

/** Trust Anchor Keys, RFC 9691. */
export const takCodes = {
  'tak.version.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9691, section: '4.2.2' },
    sentence: 'The TAK version is {value}; it must be 0.',
    why: 'Version 0 is the only TAK version; a relying party cannot know what another version means.',
  },
  'tak.key.no-uri': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9691, section: '4.2.1' },
    sentence: 'The {key} key lists no certificate URI.',
    why: 'A TAKey tells relying parties where the TA certificate for that key is published; without a URI it cannot be fetched.',
  },
  'tak.key.uri-invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 9691, section: '4.2.1' },
    sentence: 'The {key} key certificate URI "{uri}" is not an rsync or HTTPS URI.',
    why: 'Certificate URIs follow the TAL rules of RFC 8630 §2.2: rsync or HTTPS, pointing at a TA certificate.',
  },
  'tak.ee.resources-not-inherit': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 9691, section: '4.3' },
    sentence: 'The TAK EE certificate lists {family} resources explicitly instead of "inherit".',
    why: 'A TAK speaks for the trust anchor as a whole, so its EE certificate inherits all the TA resources.',
  },
  'tak.current.not-signer': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 9691, section: '4.3' },
    sentence: 'The current key (key identifier {ski}) did not issue the EE certificate (authority key identifier {aki}).',
    why: 'A TAK must be signed under the key it names as current; otherwise a TA could be made to announce a key it does not hold.',
  },
} as const satisfies Record<string, CodeInfo>;
