/**
 * The payload sets the exports print: VRPs unique by (prefix, maxLength, ASN) in rpki-client's order, ASPA and
 * router-key sets likewise, and the counts that go into output headers.
 */
import { parsePrefix, type IpPrefix } from '../resources/index.ts';
import type { AspaPayload, RouterKey, ValidationResult, Vrp } from '../validate/types.ts';

export interface SortedVrp extends Vrp {
  parsed: IpPrefix;
}

/**
 * rpki-client's VRP tree order: IPv4 before IPv6, then address; at equal address the longer prefix first, then
 * the larger maxLength, then the lower ASN. A payload seen twice keeps the later expiry, and that ROA's TA.
 */
export function uniqueVrps(vrps: readonly Vrp[]): SortedVrp[] {
  const byKey = new Map<string, SortedVrp>();
  for (const v of vrps) {
    const key = `${v.prefix} ${v.maxLength} ${v.asn}`;
    const found = byKey.get(key);
    if (!found) byKey.set(key, { ...v, parsed: parsePrefix(v.prefix) });
    else if (found.expires < v.expires) byKey.set(key, { ...v, parsed: found.parsed });
  }
  return [...byKey.values()].sort(compareVrps);
}

export function compareVrps(a: SortedVrp, b: SortedVrp): number {
  const p = a.parsed;
  const q = b.parsed;
  if (p.afi !== q.afi) return p.afi === 'ipv4' ? -1 : 1;
  if (p.addr !== q.addr) return p.addr < q.addr ? -1 : 1;
  if (p.len !== q.len) return q.len - p.len;
  if (a.maxLength !== b.maxLength) return b.maxLength - a.maxLength;
  return a.asn - b.asn;
}

/** One payload per customer AS (the soonest expiry wins, as in rpki-client), providers sorted. */
export function uniqueAspas(aspas: readonly AspaPayload[]): AspaPayload[] {
  const byCustomer = new Map<number, AspaPayload>();
  for (const a of aspas) {
    const found = byCustomer.get(a.customer);
    if (!found || found.expires > a.expires) byCustomer.set(a.customer, a);
  }
  return [...byCustomer.values()].sort((a, b) => a.customer - b.customer);
}

/** Router keys unique by (ASN, SKI, key), the later expiry kept, ordered as rpki-client orders them. */
export function uniqueRouterKeys(keys: readonly RouterKey[]): RouterKey[] {
  const byKey = new Map<string, RouterKey>();
  for (const k of keys) {
    const id = `${k.asn} ${k.ski} ${k.pubkey}`;
    const found = byKey.get(id);
    if (!found || found.expires < k.expires) byKey.set(id, k);
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...byKey.values()].sort((a, b) => a.asn - b.asn || cmp(a.ski, b.ski) || cmp(a.pubkey, b.pubkey));
}

/** Counts by type and status, named as rpki-client's metadata names them. */
export interface OutputStats {
  roas: number;
  failedroas: number;
  invalidroas: number;
  aspas: number;
  failedaspas: number;
  invalidaspas: number;
  bgpsec_pubkeys: number;
  certificates: number;
  invalidcertificates: number;
  taks: number;
  tals: number;
  invalidtals: number;
  talfiles: string[];
  manifests: number;
  failedmanifests: number;
  stalemanifests: number;
  crls: number;
  gbrs: number;
  repositories: number;
  vrps: number;
  uniquevrps: number;
  vaps: number;
  uniquevaps: number;
}

/** Everything an export prints, computed once. */
export interface ExportData {
  /** Evaluation time, Unix seconds: printed as the build time so that the same input gives the same output. */
  time: number;
  vrps: SortedVrp[];
  aspas: AspaPayload[];
  routerKeys: RouterKey[];
  stats: OutputStats;
}

export function exportData(result: ValidationResult, talNames: string[]): ExportData {
  return {
    time: result.time,
    vrps: uniqueVrps(result.vrps),
    aspas: uniqueAspas(result.aspas),
    routerKeys: uniqueRouterKeys(result.routerKeys),
    stats: outputStats(result, talNames),
  };
}

function outputStats(result: ValidationResult, talNames: string[]): OutputStats {
  const count = (type: string, pred: (s: string, codes: string[]) => boolean = () => true) =>
    result.reports.filter((r) => r.type === type && r.status !== 'unreached' && pred(r.status, r.findings.map((f) => f.code))).length;
  const failedDecode = (s: string, codes: string[]) => s === 'invalid' && codes.some((c) => c.startsWith('der.'));
  const tas = result.reports.filter((r) => r.type === 'cer' && r.issuer === undefined && r.status !== 'unreached');
  const validTas = tas.filter((r) => r.status === 'valid').length;
  const repos = new Set(result.reports.filter((r) => r.type === 'mft' && r.status !== 'unreached').map((r) => r.uri.slice(0, r.uri.lastIndexOf('/'))));
  return {
    roas: count('roa', (s) => s === 'valid'),
    failedroas: count('roa', failedDecode),
    invalidroas: count('roa', (s, c) => s === 'invalid' && !failedDecode(s, c)),
    aspas: count('asa', (s) => s === 'valid'),
    failedaspas: count('asa', failedDecode),
    invalidaspas: count('asa', (s, c) => s === 'invalid' && !failedDecode(s, c)),
    bgpsec_pubkeys: uniqueRouterKeys(result.routerKeys).length,
    certificates: count('cer', (s) => s === 'valid'),
    invalidcertificates: count('cer', (s) => s === 'invalid'),
    taks: count('tak', (s) => s === 'valid'),
    tals: validTas,
    invalidtals: talNames.length - validTas,
    talfiles: talNames.map((n) => `${n}.tal`),
    manifests: count('mft', (s) => s === 'valid'),
    failedmanifests: count('mft', (s) => s === 'invalid'),
    stalemanifests: count('mft', (_s, c) => c.includes('mft.stale')),
    crls: count('crl', (s) => s === 'valid'),
    gbrs: count('gbr', (s) => s === 'valid'),
    repositories: repos.size,
    vrps: result.vrps.length,
    uniquevrps: uniqueVrps(result.vrps).length,
    vaps: result.aspas.length,
    uniquevaps: uniqueAspas(result.aspas).length,
  };
}
