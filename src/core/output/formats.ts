/** Every export format by name, as the CLI's --format and the app's export menu offer them. */
import { formatBird } from './bird.ts';
import { formatCsv } from './csv.ts';
import { formatJson } from './json.ts';
import { formatOpenbgpd } from './openbgpd.ts';
import type { ExportData } from './payloads.ts';
import { formatRoutinatorCsv, formatRoutinatorJson } from './routinator.ts';

export const FORMATS = {
  csv: { label: 'rpki-client CSV', extension: 'csv', format: formatCsv },
  json: { label: 'rpki-client JSON', extension: 'json', format: formatJson },
  openbgpd: { label: 'OpenBGPD roa-set', extension: 'conf', format: formatOpenbgpd },
  bird: { label: 'BIRD 2', extension: 'conf', format: formatBird },
  'routinator-json': { label: 'Routinator JSON', extension: 'json', format: formatRoutinatorJson },
  'routinator-csv': { label: 'Routinator CSV', extension: 'csv', format: formatRoutinatorCsv },
} as const satisfies Record<string, { label: string; extension: string; format: (d: ExportData) => string }>;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(s: string): s is FormatName {
  return Object.hasOwn(FORMATS, s);
}
