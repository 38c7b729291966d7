import type { CodeInfo } from '../catalog.ts';

export const roaCodes = {} as const satisfies Record<string, CodeInfo>;
