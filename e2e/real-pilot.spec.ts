/**
 * Story: a trainer shows real objects: from the library, the bundled RIPE NCC pilot repository (a real RRDP
 * snapshot, fetched only when asked for) validates as of 2023-08-04 to the 782 VRPs rpki-client 8.2 gives.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, watchReading } from './sample.ts';

test('the real RIPE NCC pilot opens from the library and gives 782 VRPs', async ({ page }) => {
  const pilotFetches: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pilot/')) pilotFetches.push(r.url());
  });
  // The snapshot comes gzip-encoded: its Content-Length is no total of the bytes read, so reading shows none.
  const reading = await watchReading(page);
  await page.goto('/#/library');
  expect(pilotFetches).toEqual([]);
  await page.getByRole('button', { name: /RIPE NCC pilot/ }).click();
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('vrp-count')).toHaveText('782');
  // The one CA whose children publish elsewhere: its manifest is missing from the snapshot.
  await expect(page.locator('.problems tr[data-code="walk.manifest.missing"]')).toBeVisible();
  expect(pilotFetches.some((u) => u.endsWith('/pilot/snapshot.xml.gz'))).toBe(true);
  const figures = await reading();
  expect(figures.length).toBeGreaterThan(0);
  for (const f of figures) expect(f.read, f.text).toBeLessThanOrEqual(f.total || Infinity);
  // Reading's last figure: the bytes read, more than the 1.6 MiB that came over the wire.
  const last = figures[figures.length - 1];
  expect(last.read).toBe(last.total);
  expect(last.read).toBeGreaterThan(2 * 1024 * 1024);
  await page.screenshot({ path: resolve(ARTIFACTS, 'pilot-overview.png'), fullPage: true });
});
