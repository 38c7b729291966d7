/**
 * The validation walk (RFC 6480 §6, RFC 6487 §7, RFC 9286 §6): from each TAL's trust anchor, publication point by
 * publication point, breadth first. Deterministic for a given snapshot, TALs and evaluation time: children are
 * visited in manifest order and every result is sorted.
 */
import { Findings } from '../report/finding.ts';
import type { ValidCa, VerifyContext } from './issuer.ts';
import { processPublicationPoint, typeOfName, type PublicationPointResult } from './publication-point.ts';
import type { ObjectSource } from './source.ts';
import { validateTrustAnchor } from './trust-anchor.ts';
import type { ObjectReport, TalInput, ValidationOptions, ValidationResult } from './types.ts';

/** How many publication points are in flight at once, so that many signature checks overlap. */
const CONCURRENCY = 16;
/** RFC 6487 does not bound the depth; validators do, against loops that evade SKI checks (rpki-client: 12). */
const MAX_DEPTH = 32;

/** Processes publication points; the default runs them in this thread, a pool spreads them over workers. */
export type PublicationPointRunner = (ca: ValidCa) => Promise<PublicationPointResult>;

export async function validate(
  tals: TalInput[],
  source: ObjectSource,
  opts: ValidationOptions,
  run?: PublicationPointRunner,
): Promise<ValidationResult> {
  const ctx: VerifyContext = { time: opts.time, crypto: opts.crypto };
  const runner = run ?? ((ca: ValidCa) => processPublicationPoint(ca, source, ctx));
  const result: ValidationResult = { time: opts.time, reports: [], vrps: [], aspas: [], routerKeys: [] };
  const progress = { phase: 'trust-anchors' as const, objectsDone: 0, publicationPoints: 0, publicationPointsQueued: 0 };
  opts.onProgress?.(progress);

  const queue: ValidCa[] = [];
  const skis = new Map<string, string>();
  for (const tal of tals) {
    const { report, ca } = await validateTrustAnchor(tal, source, ctx);
    result.reports.push(report);
    if (ca) admit(ca, report, skis, queue);
  }

  const manifests = new Set<string>();
  while (queue.length) {
    opts.signal?.throwIfAborted();
    const batch = queue.splice(0, CONCURRENCY).filter((ca) => {
      const mft = ca.cert.sia.rpkiManifest ?? ca.uri;
      if (manifests.has(mft)) return false;
      manifests.add(mft);
      return true;
    });
    const results = await Promise.all(batch.map(runner));
    for (const r of results) {
      result.reports.push(...r.reports);
      result.vrps.push(...r.vrps);
      result.aspas.push(...r.aspas);
      result.routerKeys.push(...r.routerKeys);
      if (r.children.length) {
        const byUri = new Map(r.reports.map((x) => [x.uri, x]));
        for (const child of r.children) admit(child, byUri.get(child.uri)!, skis, queue);
      }
      progress.objectsDone += r.reports.length;
    }
    progress.publicationPoints += batch.length;
    opts.onProgress?.({ ...progress, phase: 'publication-points', publicationPointsQueued: queue.length });
  }

  if (source.uris) await sweep(source, result.reports);
  result.reports.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  opts.onProgress?.({ ...progress, phase: 'done', publicationPointsQueued: 0 });
  return result;
}

/** Queues a validated CA unless its SKI is taken (RFC 6487 §4.8.2: unique per key) or the tree is too deep. */
function admit(ca: ValidCa, report: ObjectReport, skis: Map<string, string>, queue: ValidCa[]): void {
  const ski = ca.cert.ski ?? '';
  const holder = skis.get(ski);
  const findings = new Findings();
  if (holder !== undefined) {
    findings.add(ca.path.includes(holder) ? 'walk.ca.loop' : 'walk.ca.duplicate-ski', { ski, holder });
  } else if (ca.path.length > MAX_DEPTH) {
    findings.add('walk.ca.too-deep', { depth: ca.path.length, limit: MAX_DEPTH });
  } else {
    skis.set(ski, ca.uri);
    queue.push(ca);
    return;
  }
  report.findings.push(...findings.list);
  report.status = 'invalid';
}

/** Reports every object of the snapshot that no validated manifest listed. */
async function sweep(source: ObjectSource, reports: ObjectReport[]): Promise<void> {
  const seen = new Set(reports.map((r) => r.uri));
  const uris = source.uris!();
  for await (const uri of uris) {
    if (seen.has(uri)) continue;
    const findings = new Findings();
    findings.add('walk.object.unreached', { uri });
    reports.push({ uri, type: typeOfName(uri), status: 'unreached', findings: findings.list });
  }
}
