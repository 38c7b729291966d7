import type { CodeInfo } from '../catalog.ts';

export const validateCodes = {} as const satisfies Record<string, CodeInfo>;
