import type { CodeInfo } from '../catalog.ts';

export const gbrCodes = {} as const satisfies Record<string, CodeInfo>;
