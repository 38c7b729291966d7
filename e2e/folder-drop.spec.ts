/**
 * Story: an operator drops a folder (the forge's `small` repository: an rsync-layout tree, its TAL, its RRDP files)
 * on the library, uploads its TAL, validates at the forge's evaluation time with three workers, and gets
 * rpki-client's VRPs. Playwright's
 * DataTransfer cannot carry a directory; a drag dispatched through CDP can, and Chromium gives the page a directory
 * entry for it (DataTransferItem.webkitGetAsEntry), as for a folder dragged from a file manager.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, watchErrors, watchReading } from './sample.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SMALL = resolve(here, '../../shared/fixtures/forge/small');
// expected-vrps.csv: a header line, then one unique VRP a line (rpki-client 8.2 at the forge's evaluation time)
const EXPECTED_VRPS = readFileSync(resolve(SMALL, 'expected-vrps.csv'), 'utf8').trim().split('\n').length - 1;
const TREE = readdirSync(SMALL, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
const FILES = TREE.length;
const BYTES = TREE.reduce((n, d) => n + statSync(resolve(d.parentPath, d.name)).size, 0);

test.use({ timezoneId: 'UTC' });

test('drop a folder, validate it with its TAL', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchErrors(page);
  const reading = await watchReading(page);
  await page.goto('/#/library');
  const zone = page.getByRole('group', { name: 'Snapshot' });
  await zone.scrollIntoViewIfNeeded();
  const box = (await zone.boundingBox())!;
  // Inside the zone's padding, off its buttons: the events go to the zone itself.
  const at = { x: box.x + 6, y: box.y + 6 };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [SMALL], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  // Every file of the tree, under the folder's name.
  await expect(zone.getByText(`Snapshot: small/ (${FILES} files)`)).toBeVisible();

  await page.getByLabel('Upload TALs').check();
  await page.getByLabel('TAL files').setInputFiles(resolve(SMALL, 'ta.tal'));
  await page.getByLabel('Evaluation time').fill('2026-11-24T00:00');
  // One worker per core unless told: a number the run cannot take is refused before anything starts.
  const workers = page.getByLabel('Workers');
  await expect(workers).toHaveValue(String(await page.evaluate(() => navigator.hardwareConcurrency)));
  await workers.fill('65');
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  expect(await workers.evaluate((e: HTMLInputElement) => e.validity.rangeOverflow)).toBe(true);
  await workers.fill('');
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Workers: a whole number from 1 to 64.');
  await expect(page.locator('body')).not.toHaveAttribute('data-run-state', /./);
  await workers.fill('3');
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  await expect(page.locator('body')).toHaveAttribute('data-run-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('vrp-count')).toHaveText(EXPECTED_VRPS.toLocaleString('en'));
  await expect(page.getByText(/validated in [\d.]+ s with 3 workers\.$/)).toBeVisible();
  // Reading counted the bytes of the files it read against the folder's size, then ended on the bytes read.
  const figures = await reading();
  const partway = figures.find((f) => f.total > 0 && f.read < f.total);
  expect((partway?.total ?? 0) / BYTES).toBeCloseTo(1, 1); // as shown: to a tenth of a KiB or MiB
  const last = figures[figures.length - 1];
  expect(last.read).toBe(last.total);
  expect(last.read).toBeGreaterThan(0);
  // The worker named the source by the paths sent beside the Files: the dropped folder, not a file's name.
  await expect(page.getByText(/· TALs: ta · small$/)).toBeVisible();
  await page.screenshot({ path: resolve(ARTIFACTS, 'folder-drop-overview.png'), fullPage: true });
  expect(problems).toEqual([]);
});
