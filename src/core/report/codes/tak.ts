import type { CodeInfo } from '../catalog.ts';

export const takCodes = {} as const satisfies Record<string, CodeInfo>;
