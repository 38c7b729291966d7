/**
 * User stories for "Inspect a file": open one RPKI object in the built app and read what it is, what is wrong
 * with it and why, and every decoded field. Screenshots of each view go to e2e/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));
const REAL = resolve(here, '../../shared/fixtures/real');
const ARTIFACTS = resolve(here, 'artifacts');

const ROA = resolve(REAL, 'nlnetlabs-rpki-rs/repository/example-ripe.roa');
const CORRUPTED_GBR = resolve(
  REAL,
  'ripe-ncc-rpki-monitoring/rsync_data/repository/corrupted_5GzpWH5N-vMm_nh7A93VwzaW4zk.gbr',
);
const GBR = resolve(REAL, 'ripe-ncc-rpki-commons/conformance/root/goodGBRNothingWrong.gbr');

/** Fails the story on any uncaught exception or Content-Security-Policy violation in the page. */
function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return problems;
}

async function openInspect(page: Page): Promise<void> {
  await page.goto('/#/inspect');
  await expect(page).toHaveURL(/#\/inspect$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Inspect a file' })).toBeVisible();
}

test('open a real ROA from the keyboard, see its payload and why BER is only a warning', async ({ page }) => {
  const problems = watchPage(page);
  await openInspect(page);

  const zone = page.getByRole('button', { name: /Drop an RPKI object/ });
  await zone.focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(ROA);

  await expect(page.getByTestId('object-type')).toHaveText('ROA');
  await expect(page.getByRole('heading', { level: 2, name: 'example-ripe.roa' })).toBeVisible();
  const fields = page.getByTestId('fields');
  await expect(fields).toContainText('209870');
  await expect(fields).toContainText('2a0c:b642:fc0::/43');

  const ber = page.locator('.finding[data-code^="der.ber."]').first();
  await expect(ber).toBeVisible();
  await expect(ber).toContainText('Warning');
  const spec = ber.getByRole('link', { name: 'RFC 6488 §2.1' });
  await expect(spec).toHaveAttribute('href', 'https://www.rfc-editor.org/rfc/rfc6488#section-2.1');
  await ber.getByText('Why this rule exists').click();
  await expect(ber.getByText(/Older RPKI software/)).toBeVisible();

  await expect(page.getByRole('link', { name: 'Download' })).toHaveAttribute('download', 'example-ripe.roa');
  await page.screenshot({ path: resolve(ARTIFACTS, 'inspect-roa.png'), fullPage: true });
  expect(problems).toEqual([]);
});

test('drop a truncated ROA and a base64 "GBR": errors are reported, nothing crashes', async ({ page }) => {
  const problems = watchPage(page);
  await openInspect(page);

  const truncated = readFileSync(ROA).subarray(0, 400);
  await dropFile(page, 'truncated.roa', truncated);
  await expect(page.getByTestId('object-type')).toHaveText('ROA');
  await expect(page.getByTestId('verdict')).toHaveText('Has errors');
  const error = page.locator('.finding.sev-error').first();
  await expect(error).toContainText('Error');
  await expect(error.getByRole('link')).toHaveAttribute('href', /^https:\/\/(www\.rfc-editor\.org|www\.itu\.int)\//);
  await page.screenshot({ path: resolve(ARTIFACTS, 'inspect-truncated.png'), fullPage: true });

  await page.locator('input[type=file]').setInputFiles(CORRUPTED_GBR);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/^corrupted_/);
  await expect(page.getByTestId('verdict')).toHaveText('Has errors');
  await expect(page.locator('.finding.sev-error')).not.toHaveCount(0);
  await page.screenshot({ path: resolve(ARTIFACTS, 'inspect-corrupted-gbr.png'), fullPage: true });

  // The app is still usable after both.
  await page.locator('input[type=file]').setInputFiles(ROA);
  await expect(page.getByTestId('fields')).toContainText('209870');
  expect(problems).toEqual([]);
});

test('a Ghostbusters vCard with markup in it renders as plain text', async ({ page }) => {
  const problems = watchPage(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await openInspect(page);

  await page.locator('input[type=file]').setInputFiles(GBR);
  await expect(page.getByTestId('object-type')).toHaveText('Ghostbusters record');
  await expect(page.getByTestId('fields')).toContainText("Human's Name");

  // Same-length substitutions keep every DER length valid; only the (unchecked here) signature breaks.
  const hostile = replaceAscii(
    replaceAscii(readFileSync(GBR), 'Organizational Entity', '<img src=x onerror=1>'),
    "Human's Name",
    '<b>bold!</b>',
  );
  await page.locator('input[type=file]').setInputFiles({
    name: 'hostile.gbr',
    mimeType: 'application/octet-stream',
    buffer: hostile,
  });
  const fields = page.getByTestId('fields');
  await expect(fields).toContainText('<img src=x onerror=1>');
  await expect(fields).toContainText('<b>bold!</b>');
  await expect(page.locator('article img, article b')).toHaveCount(0);
  await page.screenshot({ path: resolve(ARTIFACTS, 'inspect-gbr-hostile.png'), fullPage: true });
  expect(dialogs).toBe(0);
  expect(problems).toEqual([]);
});

test('an unknown view says so and links back', async ({ page }) => {
  await page.goto('/#/nowhere');
  await expect(page.getByRole('heading', { level: 1, name: 'No such view' })).toBeVisible();
  await page.getByRole('link', { name: 'Inspect a file' }).click();
  await expect(page).toHaveURL(/#\/inspect$/);
});

/** Drops a file on the drop zone the way a browser does: a DataTransfer carrying a File. */
async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name));
      return dt;
    },
    { name, data: [...bytes] },
  );
  const zone = page.getByRole('button', { name: /Drop an RPKI object|Inspect another file/ });
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

function replaceAscii(bytes: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('replacement must keep the length');
  const at = bytes.indexOf(from, 0, 'latin1');
  if (at < 0) throw new Error(`"${from}" not found`);
  const out = Buffer.from(bytes);
  out.write(to, at, 'latin1');
  return out;
}

test('the app runs under its Content-Security-Policy, which blocks inline script', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  await openInspect(page);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /script-src 'self';.*object-src 'none'; base-uri 'none'/,
  );
  expect(violations).toEqual([]);
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'document.body.dataset.inline = "ran"';
    document.head.append(s);
    return document.body.dataset.inline ?? 'blocked';
  });
  expect(ran).toBe('blocked');
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
