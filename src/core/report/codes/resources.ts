import type { CodeInfo } from '../catalog.ts';

export const resourcesCodes = {} as const satisfies Record<string, CodeInfo>;
