import type { CodeInfo } from '../catalog.ts';

export const mftCodes = {} as const satisfies Record<string, CodeInfo>;
