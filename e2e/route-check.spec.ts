/**
 * Story: an operator checks three BGP routes against the sample's VRPs (RFC 6811): one valid, one invalid (its
 * prefix is longer than the maxLength, and another with the wrong origin AS), one not found; each links its VRPs
 * to the ROA they come from.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, openSample, sample, watchErrors } from './sample.ts';

test('route origin validation gives valid, invalid and not found on the sample', async ({ page }) => {
  const problems = watchErrors(page);
  // The routes rest on this VRP of the sample: AS64498, 10.44.0.0/23, maxLength 24.
  expect(sample.expected.vrpList).toContain('AS64498,10.44.0.0/23,24');
  await openSample(page);
  await page.getByRole('link', { name: 'Route check' }).click();

  const check = async (prefix: string, asn: string) => {
    await page.getByLabel('Prefix').fill(prefix);
    await page.getByLabel('Origin AS').fill(asn);
    await page.getByRole('button', { name: 'Check' }).click();
  };
  const state = page.getByTestId('rov-state');

  await check('10.44.1.0/24', 'AS64498');
  await expect(state).toHaveAttribute('data-state', 'valid');
  await expect(page.getByRole('link', { name: /^AS64498.*\.roa$/ }).first()).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'rov-valid.png') });

  await check('10.44.0.0/25', 'AS64498');
  await expect(state).toHaveAttribute('data-state', 'invalid');
  await expect(state).toContainText('maxLength');

  await check('10.44.0.0/24', '64511');
  await expect(state).toHaveAttribute('data-state', 'invalid');
  await expect(state).toContainText('no covering VRP names this origin AS');
  await page.screenshot({ path: resolve(ARTIFACTS, 'rov-invalid.png') });

  await check('192.0.2.0/24', 'AS64498');
  await expect(state).toHaveAttribute('data-state', 'not-found');

  // The route is in the address: a reload asks again.
  await page.reload();
  await expect(state).toHaveAttribute('data-state', 'not-found');
  expect(problems).toEqual([]);
});
