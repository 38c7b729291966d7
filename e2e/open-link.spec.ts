/**
 * Story: a trainer shares a link that names a snapshot, its TAL, the evaluation time and how many workers to
 * validate with; opening it fetches and validates them (here with a second TAL whose trust anchor is not in the
 * snapshot). A link to a server that refuses or is unreachable says so plainly, and a snapshot that cannot be
 * validated (no TAL) leaves nothing in the library.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, sample } from './sample.ts';

test('a #/open link fetches, validates and shows the snapshot; a blocked one explains why', async ({ page }) => {
  const base = new URL(test.info().project.use.baseURL!).origin;
  const link = `/#/open?snapshot=${encodeURIComponent(`${base}/sample/sample.tgz`)}&tal=${encodeURIComponent(`${base}/sample/sample.tal`)}&tal=${encodeURIComponent(`${base}/tals/ripe.tal`)}&at=${encodeURIComponent(sample.evaluationTime)}&workers=1`;
  await page.goto(link);
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'done', { timeout: 30_000 });
  await expect(page).toHaveURL(/#\/s\/[^/]+$/);
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));
  await expect(page.getByText('Evaluated at 2026-01-02T00:00:00Z')).toBeVisible();
  await expect(page.getByText(/validated in [\d.]+ s with 1 worker\.$/)).toBeVisible();
  // Two TALs: the overview splits the objects by trust anchor (RIPE NCC's TA is not in the sample).
  await expect(page.getByTestId('per-ta').locator('tbody th', { hasText: 'sample' })).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'open-link-overview.png'), fullPage: true });

  // A worker count the run cannot take is refused before anything is fetched.
  await page.goto(`/#/open?snapshot=${encodeURIComponent(`${base}/sample/sample.tgz`)}&workers=0`);
  await expect(page.getByRole('alert')).toHaveText('“0” is not a number of workers (1 to 64).');

  // Nothing listens on port 9 of this machine: the connection is refused, as a server down or a CORS refusal is.
  const refused = 'http://localhost:9';
  await page.goto(`/#/open?snapshot=${encodeURIComponent(`${refused}/snap.tgz`)}&tal=${encodeURIComponent(`${refused}/x.tal`)}`);
  await expect(page.getByRole('alert').first()).toContainText('CORS');
  await page.goto(`/#/open?snapshot=${encodeURIComponent(`${refused}/snap.tgz`)}`);
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'failed', { timeout: 15_000 });
  await expect(page.getByRole('alert').last()).toContainText('CORS');
  await page.screenshot({ path: resolve(ARTIFACTS, 'open-link-blocked.png') });

  // The sample without its TAL: it is read (its objects go to the library as they come), then the run stops for
  // want of a trust anchor, and the library is left as it was: no record of a snapshot that could not be validated.
  await page.goto(`/#/open?snapshot=${encodeURIComponent(`${base}/sample/sample.tgz`)}`);
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'failed', { timeout: 15_000 });
  await expect(page.getByRole('alert').last()).toContainText('holds no TAL');
  await page.goto('/#/library');
  const rows = page.locator('tr[data-snapshot]');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('[data-status="complete"]')).toHaveCount(1);
});
