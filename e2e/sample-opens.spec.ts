/**
 * Story: a trainer opens RPKI Lens for the first time with no network beyond this machine; the bundled teaching
 * sample validates by itself and the overview shows its payloads, its objects by verdict and its problems.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, sample } from './sample.ts';

test('the sample opens on a first visit with only localhost reachable', async ({ page, context }) => {
  const outside: string[] = [];
  await context.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/]).*/, (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'done', { timeout: 30_000 });
  await expect(page).toHaveURL(/#\/s\/[^/]+$/);
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));
  await expect(page.getByTestId('aspa-count')).toHaveText(String(sample.expected.aspas));
  await expect(page.getByTestId('router-key-count')).toHaveText(String(sample.expected.routerKeys));
  for (const d of sample.defects) await expect(page.locator(`.problems tr[data-code="${d.expectedCode}"]`)).toBeVisible();
  await expect(page.getByRole('img', { name: /Objects by type/ })).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'sample-overview.png'), fullPage: true });

  // A problem's row leads to the objects that have it.
  const stale = sample.defects.find((d) => d.expectedCode === 'mft.stale')!;
  await page.locator('.problems tr[data-code="mft.stale"] a').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'mft.stale' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Objects with mft.stale' }).getByRole('link')).toHaveText([stale.uri]);
  await page.screenshot({ path: resolve(ARTIFACTS, 'finding-objects.png') });
  await page.goBack();
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));

  // A dark theme for the projector, kept across reloads.
  await page.getByRole('button', { name: /Colour theme/ }).click();
  await page.getByRole('button', { name: /Colour theme/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));
  await page.screenshot({ path: resolve(ARTIFACTS, 'sample-overview-dark.png') });

  expect(outside).toEqual([]);
  expect(problems).toEqual([]);
});

test('the sample archive comes as it is, with its length, so that reading it shows progress against a total', async ({ request }) => {
  const response = await request.get('/sample/sample.tgz');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['content-type']).toBe('application/gzip');
  expect(headers['content-encoding']).toBeUndefined();
  expect(headers['content-length']).toBe(String(statSync(resolve('static/sample/sample.tgz')).size));
});
