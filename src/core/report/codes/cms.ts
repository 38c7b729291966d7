import type { CodeInfo } from '../catalog.ts';

export const cmsCodes = {} as const satisfies Record<string, CodeInfo>;
