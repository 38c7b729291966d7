import type { CodeInfo } from '../catalog.ts';

export const crlCodes = {} as const satisfies Record<string, CodeInfo>;
