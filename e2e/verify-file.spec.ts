/**
 * Story: a trainer downloads a ROA from the sample, then drops it on "Verify a file": RPKI Lens verifies it against
 * the sample's chain and shows the VRPs it would add. A copy with its signature damaged is refused, and without a
 * snapshot the file is only decoded.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, openSample, sample, watchErrors } from './sample.ts';

// An origin AS of the sample's VRPs: its ROA is valid.
const ASN = sample.expected.vrpList[0].split(',')[0];

test('a downloaded ROA verifies against the snapshot in view; a damaged copy does not', async ({ page }) => {
  const problems = watchErrors(page);
  await openSample(page);
  await page.getByRole('link', { name: 'Trust tree' }).click();
  await page.getByLabel('Find an object').fill(ASN);
  await page.keyboard.press('Enter');
  await page.getByTestId('search-results').getByRole('link', { name: new RegExp(`${ASN}\\.roa$`) }).first().click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download' }).click();
  const roa = readFileSync(await (await downloading).path());

  await page.getByRole('link', { name: 'Verify a file' }).click();
  await expect(page.getByLabel('Verify against')).toHaveValue(/.+/);
  const drop = async (name: string, buffer: Buffer) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Drop an RPKI object/ }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
  };

  await drop(`${ASN}.roa`, roa);
  const check = page.getByTestId('chain-check');
  await expect(check.getByRole('heading', { name: 'Against Teaching sample' })).toBeVisible();
  await expect(check.locator('header [data-status]')).toHaveAttribute('data-status', 'valid');
  await expect(page.locator('[data-code="chain.unlisted"]')).toBeVisible();
  // The chain from the trust anchor down, each certificate and CRL verified again and linked to its page.
  await expect(check.getByRole('listitem').filter({ has: page.locator('a') }).locator('[data-status="valid"]')).toHaveCount(6);
  await expect(check.getByTestId('chain-payloads')).toContainText(ASN);
  await page.screenshot({ path: resolve(ARTIFACTS, 'verify-file.png'), fullPage: true });

  const damaged = Buffer.from(roa);
  damaged[damaged.length - 1] ^= 1; // the last byte of the CMS signature
  await drop('damaged.roa', damaged);
  await expect(check.locator('header [data-status]')).toHaveAttribute('data-status', 'invalid');
  await expect(page.locator('[data-code="cms.signature.invalid"]')).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveText(/error/i);
  await expect(check.getByTestId('chain-payloads')).toHaveCount(0);

  await page.getByLabel('Verify against').selectOption('');
  await expect(check).toHaveCount(0);
  await expect(page.getByTestId('object-type')).toHaveText('ROA');
  expect(problems).toEqual([]);
});
