import type { CodeInfo } from '../catalog.ts';

export const internalCodes = {
  'internal.bug': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 6480 },
    sentence: 'RPKI Lens failed on this object: {error}.',
    why: 'An unexpected exception is a bug in RPKI Lens, not a property of the object. It is reported instead of crashing so that the rest of the repository still validates; please report it with the object.',
  },
} as const satisfies Record<string, CodeInfo>;
