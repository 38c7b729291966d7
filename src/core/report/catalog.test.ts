import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog, type CodeInfo } from './catalog.ts';

const parts = Object.fromEntries(
  await Promise.all(
    readdirSync(new URL('./codes', import.meta.url))
      .filter((f) => f.endsWith('.ts'))
      .map(async (f) => [f, Object.values(await import(`./codes/${f}`))[0] as Record<string, CodeInfo>] as const),
  ),
);

describe('the findings catalog', () => {
  it('has no code defined in two parts (a later spread would silently win)', () => {
    const seen = new Map<string, string>();
    for (const [file, part] of Object.entries(parts)) {
      for (const code of Object.keys(part)) {
        expect(seen.get(code), `${code} in ${file}`).toBeUndefined();
        seen.set(code, file);
      }
    }
    expect(seen.size).toBe(Object.keys(catalog).length);
  });

  it.each(Object.entries(catalog))('%s is complete', (code, info: CodeInfo) => {
    expect(code).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(['error', 'warning', 'info']).toContain(info.severity);
    expect(['decode', 'inspect', 'verify', 'walk', 'load']).toContain(info.stage);
    const spec = info.spec as Record<string, unknown>;
    expect(Boolean(spec.rfc || spec.draft || spec.itu || (spec.std && spec.href)), 'a spec reference').toBe(true);
    if (spec.section !== undefined) expect(String(spec.section)).toMatch(/^[0-9A-Z]+(\.[0-9]+)*$/);
    expect(info.sentence.length).toBeGreaterThan(10);
    expect(info.sentence.trim()).toMatch(/[.!?]$/);
    expect(info.why.length).toBeGreaterThan(20);
  });
});
