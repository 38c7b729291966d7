import type { CodeInfo } from '../catalog.ts';

export const rscCodes = {} as const satisfies Record<string, CodeInfo>;
