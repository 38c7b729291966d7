/** What the stories share: the sample's pinned expectations and a first visit that validates it. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = resolve(here, 'artifacts');

export interface SampleInfo {
  evaluationTime: string;
  expected: { vrps: number; aspas: number; routerKeys: number; vrpList: string[] };
  defects: { defect: string; uri: string; expectedCode: string; description: string }[];
}
export const sample = JSON.parse(readFileSync(resolve(here, '../static/sample/sample.json'), 'utf8')) as SampleInfo;

/** First visit: the sample runs by itself; resolves with the overview's hash once the run is done. */
export async function openSample(page: Page): Promise<string> {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));
  return new URL(page.url()).hash;
}

/** Collects uncaught page errors (CSP violations and exceptions), for a story to assert there are none. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return problems;
}

/**
 * Records every text the run panel's figures show from the next navigation on; the returned function gives those of
 * reading ("… read"), each with its bytes read and total parsed (total 0 when it shows none).
 */
export async function watchReading(page: Page): Promise<() => Promise<{ text: string; read: number; total: number }[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { figures: string[] }).figures = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=run-panel] .figures')?.textContent?.trim();
      if (text && text !== seen[seen.length - 1]) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const bytes = (n: string, unit: string) => Number(n.replace(/,/g, '')) * ({ KiB: 1024, MiB: 1024 * 1024 }[unit] ?? 1);
  return async () =>
    (await page.evaluate(() => (window as unknown as { figures: string[] }).figures)).flatMap((text) => {
      const m = /^([\d.,]+) (bytes?|KiB|MiB)(?: of ([\d.,]+) (bytes?|KiB|MiB))? read/.exec(text);
      return m ? [{ text, read: bytes(m[1], m[2]), total: m[3] ? bytes(m[3], m[4]) : 0 }] : [];
    });
}
