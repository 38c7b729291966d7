import type { CodeInfo } from '../catalog.ts';

export const aspaCodes = {} as const satisfies Record<string, CodeInfo>;
