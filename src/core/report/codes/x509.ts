import type { CodeInfo } from '../catalog.ts';

export const x509Codes = {} as const satisfies Record<string, CodeInfo>;
