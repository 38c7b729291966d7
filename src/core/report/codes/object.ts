import type { CodeInfo } from '../catalog.ts';

/** Recognising what a file is, before any profile applies. */
export const objectCodes = {
  'object.type.unknown': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 6481, section: '2' },
    sentence: 'RPKI Lens cannot tell what kind of RPKI object this is (no known file extension, and the content is not a certificate, CRL, signed object or TAL).',
    why: 'RPKI repositories name objects by type: .cer, .crl, .mft, .roa, .gbr, .asa, .sig, .tak, .spl; trust anchor locators end in .tal. A file that is none of these cannot be validated.',
  },
} as const satisfies Record<string, CodeInfo>;
