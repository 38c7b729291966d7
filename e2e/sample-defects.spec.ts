/**
 * Story: a trainer walks through the sample's five deliberate defects; each one's object shows the finding the
 * builder planted, with its sentence, the RFC section it breaks (linked) and why the rule exists.
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { catalog, isFindingCode } from '../src/core/report/catalog.ts';
import { specHref } from '../src/core/report/spec.ts';
import { ARTIFACTS, openSample, sample, watchErrors } from './sample.ts';

test('each defect of the sample shows with its explanation and RFC link', async ({ page }) => {
  const problems = watchErrors(page);
  const overview = await openSample(page);
  const notes = page.getByTestId('defects');
  for (const d of sample.defects) {
    await expect(notes.locator(`li[data-defect="${d.defect}"]`)).toContainText(d.description);
  }

  let highlighted = 0;
  for (const d of sample.defects) {
    expect(isFindingCode(d.expectedCode)).toBe(true);
    if (!isFindingCode(d.expectedCode)) continue;
    const info = catalog[d.expectedCode];
    await page.goto(`/${overview}`);
    await notes.locator(`li[data-defect="${d.defect}"] a`).first().click();
    await expect(page.getByTestId('object-uri')).toHaveText(d.uri);
    await expect(page.getByTestId('trainer-note')).toContainText(d.description);
    const finding = page.locator(`.finding[data-code="${d.expectedCode}"]`).first();
    await expect(finding).toBeVisible();
    await expect(finding.getByRole('link').first()).toHaveAttribute('href', specHref(info.spec));
    await finding.getByText('Why this rule exists').click();
    await expect(finding.getByText(info.why.slice(0, 40), { exact: false })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Chain to the trust anchor' }).getByRole('link').first()).toBeVisible();
    await expect(page.getByTestId('asn1-tree')).toContainText('SEQUENCE');
    const bytes = finding.locator('button.pick');
    if ((await bytes.count()) > 0) {
      // The finding's byte range lights up in the hex view.
      const [, start, end] = /bytes (\d+)–(\d+)/.exec(await bytes.innerText())!;
      await bytes.click();
      await expect(page.getByTestId('hex-dump')).toContainText(`Showing bytes ${start}–${end} highlighted.`);
      await expect(page.getByTestId('hex-dump').locator('mark').first()).toBeVisible();
      highlighted++;
    }
    await page.screenshot({ path: resolve(ARTIFACTS, `defect-${d.defect}.png`), fullPage: true });
  }
  // The decode-stage defects (the overclaim, the short maxLength) carry byte ranges.
  expect(highlighted).toBeGreaterThanOrEqual(2);
  expect(problems).toEqual([]);
});
