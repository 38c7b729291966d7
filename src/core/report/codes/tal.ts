import type { CodeInfo } from '../catalog.ts';

export const talCodes = {} as const satisfies Record<string, CodeInfo>;
