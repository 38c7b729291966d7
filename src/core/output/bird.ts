/** BIRD 2 static ROA tables (rpki-client `-B`, its `bird` file): `roa4`/`roa6` tables named `ROAS4`/`ROAS6`. */
import { commentHeader } from './header.ts';
import type { ExportData } from './payloads.ts';

export function formatBird(d: ExportData, table = 'ROAS'): string {
  const routes = (afi: 'ipv4' | 'ipv6') =>
    d.vrps.filter((v) => v.parsed.afi === afi).map((v) => `\troute ${v.prefix} max ${v.maxLength} as ${v.asn};\n`).join('');
  return (
    `${commentHeader(d)}\ndefine force_roa_table_update = ${d.time};\n\n` +
    `roa4 table ${table}4;\nroa6 table ${table}6;\n\n` +
    `protocol static {\n\troa4 { table ${table}4; };\n\n${routes('ipv4')}}\n\n` +
    `protocol static {\n\troa6 { table ${table}6; };\n\n${routes('ipv6')}}\n`
  );
}
