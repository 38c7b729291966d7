/**
 * The payload sets the exports print: VRPs unique by (prefix, maxLength, ASN) in rpki-client's order, ASPA and
 * router-key sets likewise, and the counts that go into output headers.
 */
import { parsePrefix, type IpPrefix } from '../resources/index.ts';
import type { AspaPayload, ObjectReport, RouterKey, ValidationResult, Vrp } from '../validate/types.ts';

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

export function exportData(result: ValidationResult, talNames: string[], counts = new ReportCounts().add(result.reports)): ExportData {
  const vrps = uniqueVrps(result.vrps);
  const aspas = uniqueAspas(result.aspas);
  const routerKeys = uniqueRouterKeys(result.routerKeys);
  const validTas = counts.validTas;
  return {
    time: result.time,
    vrps,
    aspas,
    routerKeys,
    stats: {
      roas: counts.of('roa').valid,
      failedroas: counts.of('roa').failed,
      invalidroas: counts.of('roa').invalid - counts.of('roa').failed,
      aspas: counts.of('asa').valid,
      failedaspas: counts.of('asa').failed,
      invalidaspas: counts.of('asa').invalid - counts.of('asa').failed,
      bgpsec_pubkeys: routerKeys.length,
      certificates: counts.of('cer').valid,
      invalidcertificates: counts.of('cer').invalid,
      taks: counts.of('tak').valid,
      tals: validTas,
      invalidtals: talNames.length - validTas,
      talfiles: talNames.map((n) => `${n}.tal`),
      manifests: counts.of('mft').valid,
      failedmanifests: counts.of('mft').invalid,
      stalemanifests: counts.of('mft').stale,
      crls: counts.of('crl').valid,
      gbrs: counts.of('gbr').valid,
      // rpki-client's bookkeeping: one repository per trust anchor fetched, one per rsync module of the CAs reached.
      repositories: talNames.length + counts.repositories.size,
      vrps: result.vrps.length,
      uniquevrps: vrps.length,
      vaps: result.aspas.length,
      uniquevaps: aspas.length,
    },
  };
}

interface TypeCounts {
  valid: number;
  invalid: number;
  /** Invalid because they do not decode (a der.* finding): rpki-client's "failed". */
  failed: number;
  /** With mft.stale. */
  stale: number;
}

/**
 * The report counts the output headers need, gathered as reports arrive so that a host that streams them (the
 * app) need not keep them. Objects never reached are not counted.
 */
export class ReportCounts {
  private readonly byType = new Map<string, TypeCounts>();
  /** Valid trust anchor certificates (no issuer). */
  validTas = 0;
  /**
   * The rsync modules (rsync://host/module, RFC 5781 §2) of the manifests reached, as rpki-client counts a CA's
   * repository: by the module of its caRepository, where its manifest is published (RFC 6487 §4.8.8.1).
   */
  readonly repositories = new Set<string>();

  add(reports: readonly ObjectReport[]): this {
    for (const r of reports) {
      if (r.status === 'unreached') continue;
      const c = this.of(r.type);
      if (r.status === 'valid') c.valid++;
      if (r.status === 'invalid') {
        c.invalid++;
        if (r.findings.some((f) => f.code.startsWith('der.'))) c.failed++;
      }
      if (r.type === 'mft') {
        if (r.findings.some((f) => f.code === 'mft.stale')) c.stale++;
        this.repositories.add(rsyncModule(r.uri));
      }
      if (r.type === 'cer' && r.issuer === undefined && r.status === 'valid') this.validTas++;
    }
    return this;
  }

  of(type: string): TypeCounts {
    let c = this.byType.get(type);
    if (!c) this.byType.set(type, (c = { valid: 0, invalid: 0, failed: 0, stale: 0 }));
    return c;
  }
}

/** rsync://host/module of an rsync URI (RFC 5781 §2); the URI itself when it has no module. */
function rsyncModule(uri: string): string {
  const m = /^rsync:\/\/[^/]+\/[^/]+/.exec(uri);
  return m ? m[0] : uri;
}
