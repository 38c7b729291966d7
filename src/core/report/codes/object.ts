import type { CodeInfo } from '../catalog.ts';

export const objectCodes = {} as const satisfies Record<string, CodeInfo>;
