import type { CodeInfo } from '../catalog.ts';

export const splCodes = {} as const satisfies Record<string, CodeInfo>;
