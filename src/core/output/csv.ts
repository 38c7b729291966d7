/** rpki-client's CSV export (`-c`): `ASN,IP Prefix,Max Length,Trust Anchor,Expires`. */
import type { ExportData } from './payloads.ts';

export function formatCsv(d: ExportData): string {
  let s = 'ASN,IP Prefix,Max Length,Trust Anchor,Expires\n';
  for (const v of d.vrps) s += `AS${v.asn},${v.prefix},${v.maxLength},${v.ta},${v.expires}\n`;
  return s;
}
