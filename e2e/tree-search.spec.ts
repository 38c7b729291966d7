/**
 * Story: an operator opens the trust tree of the sample, unfolds the trust anchor to its CAs, and finds a ROA by
 * its origin AS and by its file name, then opens it. The keyboard moves through the tree and folds it.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, openSample, watchErrors } from './sample.ts';

test('the tree unfolds and search finds an object by ASN and by file name', async ({ page }) => {
  const problems = watchErrors(page);
  await openSample(page);
  await page.getByRole('link', { name: 'Trust tree' }).click();
  const tree = page.getByRole('region', { name: 'Trust tree' });
  const ta = tree.getByRole('button', { name: /^Open / }).first();
  await expect(ta).toBeVisible();
  await ta.click();
  await expect(tree.locator('[data-uri$=".mft"]').first()).toBeVisible();
  await expect(tree.locator('[data-uri$=".cer"]').nth(1)).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'tree.png') });

  // The keyboard walks the tree: down to the TA's CRL, back up, close the TA, open it again.
  const taLink = tree.locator('li[data-index="0"] a');
  await taLink.focus();
  await page.keyboard.press('ArrowDown');
  await expect(tree.locator('li[data-index="1"] a')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(taLink).toBeFocused();
  const rows = tree.locator('li[data-index]');
  const open = await rows.count();
  await page.keyboard.press('ArrowLeft');
  await expect(rows).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(rows).toHaveCount(open);

  await page.getByLabel('Find an object').fill('AS64506');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('link', { name: /echo-hosting\/AS64506\.roa$/ })).toBeVisible();

  await page.getByLabel('Find an object').fill('AS64499.roa');
  await page.keyboard.press('Enter');
  const hit = results.getByRole('link', { name: /bluebird\/AS64499\.roa$/ });
  await expect(hit).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'tree-search.png') });
  await hit.click();
  await expect(page.getByTestId('object-uri')).toHaveText(/AS64499\.roa$/);
  await expect(page.getByTestId('object-type')).toHaveText('ROA');
  expect(problems).toEqual([]);
});
