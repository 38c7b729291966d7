/**
 * Story: an operator opens a snapshot archive from disk with an uploaded TAL and a pinned evaluation time, watches
 * the progress, cancels (the library keeps what was stored, marked incomplete), runs it again to the end, and
 * deletes a snapshot from the library through the confirmation dialog (cancelling keeps it).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, watchErrors } from './sample.ts';

const here = dirname(fileURLToPath(import.meta.url));
const MEDIUM = resolve(here, '../../shared/fixtures/forge/medium');
// expected-vrps.csv: a header line, then one unique VRP a line (rpki-client 8.2 at the forge's evaluation time)
const EXPECTED_VRPS = readFileSync(resolve(MEDIUM, 'expected-vrps.csv'), 'utf8').trim().split('\n').length - 1;

test.use({ timezoneId: 'UTC' });

test('open an archive with an uploaded TAL, cancel, run again, delete', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchErrors(page);
  await page.goto('/#/library');
  await expect(page.getByText('No snapshots yet.')).toBeVisible();

  const chooseArchive = async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file' }).click();
    await (await chooser).setFiles(resolve(MEDIUM, 'snapshot.tar.gz'));
    await expect(page.getByText('Snapshot: snapshot.tar.gz')).toBeVisible();
    await page.getByLabel('Upload TALs').check();
    await page.getByLabel('TAL files').setInputFiles(resolve(MEDIUM, 'ta.tal'));
    await page.getByLabel('Evaluation time').fill('2026-11-24T00:00');
  };

  await chooseArchive();
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  const panel = page.getByTestId('run-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('progressbar')).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'run-progress.png') });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'cancelled');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('cancelled');
  // Whatever the run stored before the cancel is kept, marked incomplete; nothing is complete.
  await expect(page.locator('tr[data-snapshot] [data-status="complete"]')).toHaveCount(0);
  await expect(page.locator('tr[data-snapshot] [data-status="loading"], tr[data-snapshot] [data-status="validating"]')).toHaveCount(0);

  await chooseArchive();
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('vrp-count')).toHaveText(EXPECTED_VRPS.toLocaleString('en'));
  await expect(page.getByText('Evaluated at 2026-11-24T00:00:00Z')).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'medium-overview.png'), fullPage: true });

  await page.getByRole('link', { name: 'Library' }).click();
  const rows = page.locator('tr[data-snapshot]');
  await expect(rows.locator('[data-status="complete"]')).toHaveCount(1);
  await page.screenshot({ path: resolve(ARTIFACTS, 'library.png') });
  const before = await rows.count();
  const id = (await rows.first().getAttribute('data-snapshot'))!;
  const row = page.locator(`tr[data-snapshot="${id}"]`);
  const name = (await row.getByRole('link').textContent())!;
  const dialog = page.getByRole('dialog', { name: 'Delete this snapshot?' });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  // The dialog names the snapshot and its counts, opens with the focus on Cancel; Escape and Cancel keep the row.
  await row.getByRole('button', { name: /^Delete / }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(name);
  await expect(dialog).toContainText(/\d[\d,]* objects, \d[\d,]* VRPs/);
  await expect(cancel).toBeFocused();
  await page.screenshot({ path: resolve(ARTIFACTS, 'library-delete-confirm.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Delete / }).click();
  await cancel.click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(before);
  await expect(row).toHaveCount(1);
  // Confirming removes it.
  await row.getByRole('button', { name: /^Delete / }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(rows).toHaveCount(before - 1);
  await expect(row).toHaveCount(0);
  expect(problems).toEqual([]);
});
