/**
 * Story: an operator lists the sample's VRPs, filters them by AS and by prefix, sorts them, and exports them in
 * every format the CLI offers; ASPAs and router keys have their own tables.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { FORMATS } from '../src/core/output/formats.ts';
import { ARTIFACTS, openSample, sample, watchErrors } from './sample.ts';

test('VRPs filter, sort and export in every format; ASPAs and router keys list', async ({ page }) => {
  const problems = watchErrors(page);
  await openSample(page);
  await page.getByRole('link', { name: 'Payloads' }).click();
  const shown = page.getByTestId('vrp-shown');
  await expect(shown).toHaveText(`${sample.expected.vrps} of ${sample.expected.vrps} VRPs`);

  const filter = page.getByRole('searchbox', { name: 'Filter' });
  await filter.fill('AS64506');
  const ofAs = sample.expected.vrpList.filter((v) => v.startsWith('AS64506,')).length;
  await expect(shown).toHaveText(`${ofAs} of ${sample.expected.vrps} VRPs`);
  await filter.fill('10.44.0.0/23');
  await expect(page.getByTestId('vrp-row')).toHaveCount(1);
  await expect(page.getByTestId('vrp-row')).toContainText('AS64498');
  await filter.fill('');

  await page.getByRole('button', { name: 'ASN' }).click();
  await expect(page.getByTestId('vrp-row').first()).toContainText('AS64498');
  await page.getByRole('button', { name: /^ASN/ }).click();
  await expect(page.getByTestId('vrp-row').first()).toContainText('AS64508');
  await page.screenshot({ path: resolve(ARTIFACTS, 'vrps.png') });

  for (const [name, f] of Object.entries(FORMATS)) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: f.label, exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`-${name}\\.${f.extension}$`));
    const text = readFileSync(await file.path(), 'utf8');
    // Every format names the first VRP's prefix.
    expect(text, name).toContain('10.44.0.0/23');
  }

  await page.getByRole('tab', { name: /ASPAs/ }).click();
  await expect(page.getByRole('region', { name: 'ASPAs' }).locator('li')).toHaveCount(sample.expected.aspas);
  await page.getByRole('tab', { name: /Router keys/ }).click();
  await expect(page.getByRole('region', { name: 'Router keys' }).locator('li')).toHaveCount(sample.expected.routerKeys);
  await expect(page).toHaveURL(/\/vrps\?tab=keys$/);
  expect(problems).toEqual([]);
});
