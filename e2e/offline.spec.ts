/**
 * Story: a trainer opened RPKI Lens once; in the classroom the network is gone, and the app still loads (the
 * service worker keeps the shell) with the stored sample, and the inspector still works.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, openSample, sample } from './sample.ts';

test('the app reloads with the network off after the first visit', async ({ page, context }) => {
  const overview = await openSample(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit ran before the worker controlled the page; the cache was filled at install.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await page.goto(`/${overview}`);
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));
  await page.screenshot({ path: resolve(ARTIFACTS, 'offline-overview.png') });
  await page.getByRole('link', { name: 'Inspect' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inspect a file' })).toBeVisible();
});
