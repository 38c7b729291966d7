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
  return {
    time: result.time,
    vrps,
    aspas,
    routerKeys,
    stats: {
      roas: processed(counts.of('roa')),
      failedroas: counts.of('roa').failed,
      invalidroas: counts.of('roa').invalid,
      aspas: processed(counts.of('asa')),
      failedaspas: counts.of('asa').failed,
      invalidaspas: counts.of('asa').invalid,
      bgpsec_pubkeys: routerKeys.length,
      certificates: processed(counts.of('cer')),
      invalidcertificates: counts.of('cer').failed + counts.of('cer').invalid,
      taks: counts.of('tak').valid,
      // rpki-client counts the TAL files it could read, whatever became of their trust anchors; a TAL that cannot
      // be read stops our run before any output.
      tals: talNames.length,
      invalidtals: 0,
      talfiles: talNames.map((n) => `${n}.tal`),
      manifests: processed(counts.of('mft')),
      failedmanifests: counts.of('mft').failed + counts.of('mft').invalid - counts.of('mft').stale,
      stalemanifests: counts.of('mft').stale,
      crls: counts.crls,
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

/** Objects rpki-client would have processed, valid or rejected for findings of their own, by outcome. */
interface TypeCounts {
  valid: number;
  /** Rejected before the check of its resources against its EE certificate's ("failed parse" in rpki-client). */
  failed: number;
  /** Rejected by that check (rpki-client's "invalid"). */
  invalid: number;
  /** Manifests rejected for being past their nextUpdate (RFC 9286 §6.3), which rpki-client counts apart. */
  stale: number;
}

function processed(c: TypeCounts): number {
  return c.valid + c.failed + c.invalid;
}

/**
 * The last check of a signed object, its content's resources against its EE certificate's (RFC 9582 §5; the ASPA
 * profile's §4): what rpki-client counts as "invalid" rather than "failed parse".
 */
const RESOURCE_CODES = new Set(['roa.prefix.outside-ee', 'aspa.customer.outside-ee']);

/**
 * The report counts the output headers need, gathered as reports arrive so that a host that streams them (the
 * app) need not keep them. They count as rpki-client 8.2 does: objects never reached, and objects rejected only
 * because their publication point was (RFC 9286 §6.4), are not counted.
 */
export class ReportCounts {
  private readonly byType = new Map<string, TypeCounts>();
  /**
   * The rsync modules (rsync://host/module, RFC 5781 §2) of the manifests reached, as rpki-client counts a CA's
   * repository: by the module of its caRepository, where its manifest is published (RFC 6487 §4.8.8.1).
   */
  readonly repositories = new Set<string>();
  /** Valid manifests, and the manifest of each valid CRL: rpki-client counts a CRL only under a valid manifest. */
  private readonly validManifests = new Set<string>();
  private readonly crlManifests: string[] = [];

  add(reports: readonly ObjectReport[]): this {
    for (const r of reports) {
      if (r.status === 'unreached') continue;
      if (r.type === 'mft') this.repositories.add(rsyncModule(r.uri));
      if (r.status === 'skipped' || r.findings.some((f) => f.code === 'walk.publication-point.rejected')) continue;
      const c = this.of(r.type);
      if (r.status === 'valid') c.valid++;
      else if (r.findings.some((f) => f.severity === 'error' && RESOURCE_CODES.has(f.code))) c.invalid++;
      else c.failed++;
      if (r.type === 'mft') {
        if (r.findings.some((f) => f.code === 'mft.stale')) c.stale++;
        if (r.status === 'valid') this.validManifests.add(r.uri);
      }
      if (r.type === 'crl' && r.status === 'valid' && r.manifest) this.crlManifests.push(r.manifest);
    }
    return this;
  }

  /** Valid CRLs listed by a valid manifest. */
  get crls(): number {
    return this.crlManifests.filter((m) => this.validManifests.has(m)).length;
  }

  of(type: string): TypeCounts {
    let c = this.byType.get(type);
    if (!c) this.byType.set(type, (c = { valid: 0, failed: 0, invalid: 0, stale: 0 }));
    return c;
  }
}

/** rsync://host/module of an rsync URI (RFC 5781 §2); the URI itself when it has no module. */
function rsyncModule(uri: string): string {
  const m = /^rsync:\/\/[^/]+\/[^/]+/.exec(uri);
  return m ? m[0] : uri;
}
