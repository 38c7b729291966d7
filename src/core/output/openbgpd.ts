/** OpenBGPD `roa-set` (rpki-client `-o`): maxlen only when above the prefix length, with the expiry. */
import { commentHeader } from './header.ts';
import type { ExportData } from './payloads.ts';

export function formatOpenbgpd(d: ExportData): string {
  let s = `${commentHeader(d)}roa-set {\n`;
  for (const v of d.vrps) {
    const maxlen = v.maxLength > v.parsed.len ? `maxlen ${v.maxLength} ` : '';
    s += `\t${v.prefix} ${maxlen}source-as ${v.asn} expires ${v.expires}\n`;
  }
  return `${s}}\n`;
}
