/**
 * rpki-client 8.2's JSON export (`-j`): metadata, `roas`, `bgpsec_keys` and `provider_authorizations` per address
 * family, with rpki-client's key order and layout. Current-profile ASPAs name no family, so each appears under both,
 * as rpki-client places an ASPA without AFI.
 */
import type { AspaPayload } from '../validate/types.ts';
import type { ExportData } from './payloads.ts';

const q = JSON.stringify;

export function formatJson(d: ExportData): string {
  const st = d.stats;
  const meta: [string, string][] = [
    ['buildmachine', q('rpki-lens')],
    ['buildtime', q(new Date(d.time * 1000).toISOString().replace('.000Z', 'Z'))],
    ['elapsedtime', q('0')],
    ['usertime', q('0')],
    ['systemtime', q('0')],
  ];
  const counts = (keys: (keyof typeof st)[]) => keys.map((k): [string, string] => [k, String(st[k])]);
  const lines = [
    ...meta,
    ...counts(['roas', 'failedroas', 'invalidroas', 'aspas', 'failedaspas', 'invalidaspas', 'bgpsec_pubkeys', 'certificates', 'invalidcertificates', 'taks', 'tals', 'invalidtals']),
    ['talfiles', `[\n${st.talfiles.map((t) => `\t\t\t${q(t)}`).join(',\n')}\n\t\t]`] as [string, string],
    ...counts(['manifests', 'failedmanifests', 'stalemanifests', 'crls', 'gbrs', 'repositories', 'vrps', 'uniquevrps', 'vaps', 'uniquevaps']),
  ];
  let s = `{\n\t"metadata": {\n${lines.map(([k, v]) => `\t\t"${k}": ${v}`).join(',\n')}\n\t},\n\n`;
  s += '\t"roas": [\n';
  s += d.vrps
    .map((v) => `\t\t{ "asn": ${v.asn}, "prefix": "${v.prefix}", "maxLength": ${v.maxLength}, "ta": ${q(v.ta)}, "expires": ${v.expires} }`)
    .join(',\n');
  s += '\n\t],\n\n\t"bgpsec_keys": [\n';
  s += d.routerKeys
    .map((b) => `\t\t{ "asn": ${b.asn}, "ski": ${q(b.ski)}, "pubkey": ${q(b.pubkey)}, "ta": ${q(b.ta)}, "expires": ${b.expires} }`)
    .join(',\n');
  const vaps = d.aspas.map(vap).join(',\n');
  s += `\n\t],\n\n\t"provider_authorizations": {\n\t\t"ipv4": [\n${vaps}\n\t\t],\n\t\t"ipv6": [\n${vaps}\n\t\t]\n\t}\n`;
  return `${s}\n}\n`;
}

function vap(a: AspaPayload): string {
  return `\t\t\t{ "customer_asid": ${a.customer}, "providers": [${a.providers.join(', ')}], "expires": ${a.expires} }`;
}
