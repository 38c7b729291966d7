import type { CodeInfo } from '../catalog.ts';

export const certCodes = {} as const satisfies Record<string, CodeInfo>;
