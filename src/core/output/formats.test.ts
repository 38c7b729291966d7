/**
 * Golden files for every export. The rpki-client ones are rpki-client 8.2's own output on the forge `small`
 * repository at the same evaluation time: ours must equal them except for the metadata (host, paths, counts of
 * rpki-client's cache bookkeeping). The Routinator ones pin our rendering of Routinator's formats.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../testing/fixtures.ts';
import { validateTree } from '../../testing/validate-tree.ts';
import { FORMATS, type FormatName } from './formats.ts';
import { exportData, type ExportData } from './payloads.ts';

const golden = (name: string) => readFileSync(new URL(`./golden/forge-small.${name}`, import.meta.url), 'utf8');
/** Drops what may differ: comment headers and the JSON metadata block. */
const body = (s: string) => s.replace(/^#.*\n/gm, '').replace(/"metadata": \{[^}]*\},/s, '');

let data: ExportData;
beforeAll(async () => {
  const dir = `${FIXTURES}/forge/small`;
  const result = await validateTree(`${dir}/repo`, `${dir}/ta.tal`, '2026-11-24T00:00:00Z');
  data = exportData(result, ['ta']);
});

describe('exports', () => {
  it.each([
    ['csv', 'rpki-client.csv'],
    ['json', 'rpki-client.json'],
    ['openbgpd', 'rpki-client.openbgpd'],
    ['bird', 'rpki-client.bird'],
  ] as [FormatName, string][])('%s equals rpki-client 8.2 but for metadata', (format, file) => {
    const ours = FORMATS[format].format(data);
    expect(body(ours)).toBe(body(golden(file)));
    expect(ours).toContain('72.0.0.0/19');
  });

  it('csv is byte-identical to rpki-client 8.2', () => {
    expect(FORMATS.csv.format(data)).toBe(golden('rpki-client.csv'));
  });

  it.each(['routinator-json', 'routinator-csv'] as FormatName[])('%s matches its golden file', (format) => {
    expect(FORMATS[format].format(data)).toBe(golden(format));
  });
});
