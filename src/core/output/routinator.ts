/** Routinator's `json` and `csv` VRP formats: ASN as "AS…", no expiry. */
import type { ExportData } from './payloads.ts';

export function formatRoutinatorCsv(d: ExportData): string {
  let s = 'ASN,IP Prefix,Max Length,Trust Anchor\n';
  for (const v of d.vrps) s += `AS${v.asn},${v.prefix},${v.maxLength},${v.ta}\n`;
  return s;
}

export function formatRoutinatorJson(d: ExportData): string {
  const generated = `"generated": ${d.time}, "generatedTime": "${new Date(d.time * 1000).toISOString().replace('.000Z', 'Z')}"`;
  const roas = d.vrps.map((v) => `    { "asn": "AS${v.asn}", "prefix": "${v.prefix}", "maxLength": ${v.maxLength}, "ta": ${JSON.stringify(v.ta)} }`);
  return `{\n  "metadata": { ${generated} },\n  "roas": [\n${roas.join(',\n')}\n  ]\n}\n`;
}
