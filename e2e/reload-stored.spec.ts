/**
 * Story: after the sample ran once, reloading the page (and the start page) shows the stored results at once,
 * without validating again; the library lists the one snapshot.
 */
import { expect, test } from '@playwright/test';
import { openSample, sample, watchErrors } from './sample.ts';

test('a reload shows stored results without a new run', async ({ page }) => {
  const problems = watchErrors(page);
  const overview = await openSample(page);

  await page.reload();
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));
  await expect(page.getByTestId('run-panel')).toHaveCount(0);
  expect(await page.locator('body').getAttribute('data-run-state')).toBeNull();

  await page.goto('/#/');
  await expect(page).toHaveURL(new RegExp(`${overview.replace(/[/#]/g, '\\$&')}$`));
  await expect(page.getByTestId('vrp-count')).toHaveText(String(sample.expected.vrps));
  await expect(page.getByTestId('run-panel')).toHaveCount(0);

  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.locator('tr[data-snapshot]')).toHaveCount(1);
  await expect(page.locator('tr[data-snapshot]')).toContainText('complete');
  expect(problems).toEqual([]);
});
