/**
 * Story: a trainer shows real objects: from the library, the bundled RIPE NCC pilot repository (a real RRDP
 * snapshot, fetched only when asked for) validates as of 2023-08-04 to the 782 VRPs rpki-client 8.2 gives.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS } from './sample.ts';

test('the real RIPE NCC pilot opens from the library and gives 782 VRPs', async ({ page }) => {
  const pilotFetches: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pilot/')) pilotFetches.push(r.url());
  });
  // Every text the run's figures show: the snapshot comes gzip-encoded, so its Content-Length is no total of the
  // bytes read, and reading shows none.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { figures: string[] }).figures = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=run-panel] .figures')?.textContent?.trim();
      if (text && text !== seen[seen.length - 1]) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/#/library');
  expect(pilotFetches).toEqual([]);
  await page.getByRole('button', { name: /RIPE NCC pilot/ }).click();
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('vrp-count')).toHaveText('782');
  // The one CA whose children publish elsewhere: its manifest is missing from the snapshot.
  await expect(page.locator('.problems tr[data-code="walk.manifest.missing"]')).toBeVisible();
  expect(pilotFetches.some((u) => u.endsWith('/pilot/snapshot.xml.gz'))).toBe(true);
  const reading = (await page.evaluate(() => (window as unknown as { figures: string[] }).figures)).filter((t) => / read\b/.test(t));
  expect(reading.length).toBeGreaterThan(0);
  const toBytes = (n: string, unit: string) => Number(n.replace(/,/g, '')) * ({ KiB: 1024, MiB: 1024 * 1024 }[unit] ?? 1);
  for (const text of reading) {
    const m = /^([\d.,]+) (bytes?|KiB|MiB) of ([\d.,]+) (bytes?|KiB|MiB) read/.exec(text);
    if (m) expect(toBytes(m[1], m[2]), text).toBeLessThanOrEqual(toBytes(m[3], m[4]));
  }
  // The last of reading counts the bytes read: more than the 1.6 MiB that came over the wire.
  expect(reading[reading.length - 1]).toMatch(/^\d+\.\d MiB of \d+\.\d MiB read/);
  expect(toBytes(...(/^([\d.]+) (MiB)/.exec(reading[reading.length - 1])!.slice(1, 3) as [string, string]))).toBeGreaterThan(2 * 1024 * 1024);
  await page.screenshot({ path: resolve(ARTIFACTS, 'pilot-overview.png'), fullPage: true });
});
