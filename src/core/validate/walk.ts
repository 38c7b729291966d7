/**
 * The validation walk (RFC 6480 §6, RFC 6487 §7, RFC 9286 §6): from each TAL's trust anchor, publication point by
 * publication point, breadth first. Publication points run through the runner with bounded concurrency (in this
 * thread, or spread over workers) from one queue; their results are taken in queue order as soon as all before
 * them are in, and the CAs they validated are admitted, and queued, in that order. So the output depends on the
 * snapshot, the TALs and the evaluation time alone, never on how many workers ran it or which finished first.
 */
import { Findings } from '../report/finding.ts';
import type { ValidCa, VerifyContext } from './issuer.ts';
import { processPublicationPoint, typeOfName, type PublicationPointResult } from './publication-point.ts';
import type { ObjectSource } from './source.ts';
import { validateTrustAnchor } from './trust-anchor.ts';
import type { ObjectReport, TalInput, ValidationOptions, ValidationResult } from './types.ts';

/** Publication points in flight at once in this thread, so that many asynchronous signature checks overlap. */
const IN_PROCESS_CONCURRENCY = 16;
/** RFC 6487 does not bound the depth; validators do, against loops that evade SKI checks (rpki-client: 12). */
const MAX_DEPTH = 32;

/** What the walk needs to know of a CA to schedule its publication point. */
export interface CaInfo {
  uri: string;
  ski: string;
  /** The manifest URI from the CA's SIA; a publication point is processed once however many CAs name it. */
  manifest?: string;
  /** URIs from the trust anchor down to this CA. */
  path: readonly string[];
}

/** A publication point's result whose children are the runner's own handles on the CAs it validated. */
export type PointResult<C> = Omit<PublicationPointResult, 'children'> & { children: C[] };

/**
 * Processes publication points. `C` is the runner's handle on a validated CA: a ValidCa in this thread, a plain
 * job descriptor (./job.ts) when the work crosses to other threads.
 */
export interface PublicationPointRunner<C> {
  /** How many publication points may be in flight at once. */
  concurrency: number;
  /** The runner's handle on a validated trust anchor. */
  adopt(ca: ValidCa): C;
  describe(ca: C): CaInfo;
  run(ca: C): Promise<PointResult<C>>;
}

/** The default runner: every publication point in this thread. */
export function inProcessRunner(source: ObjectSource, ctx: VerifyContext, concurrency = IN_PROCESS_CONCURRENCY): PublicationPointRunner<ValidCa> {
  return {
    concurrency,
    adopt: (ca) => ca,
    describe: (ca) => ({ uri: ca.uri, ski: ca.cert.ski ?? '', manifest: ca.cert.sia.rpkiManifest, path: ca.path }),
    run: (ca) => processPublicationPoint(ca, source, ctx),
  };
}

export async function validate<C = ValidCa>(
  tals: TalInput[],
  source: ObjectSource,
  opts: ValidationOptions,
  runner?: PublicationPointRunner<C>,
): Promise<ValidationResult> {
  const ctx: VerifyContext = { time: opts.time, crypto: opts.crypto };
  const run = runner ?? (inProcessRunner(source, ctx) as unknown as PublicationPointRunner<C>);
  const result: ValidationResult = { time: opts.time, reports: [], vrps: [], aspas: [], routerKeys: [] };
  const progress = { objectsDone: 0, publicationPoints: 0, publicationPointsQueued: 0 };
  opts.onProgress?.({ ...progress, phase: 'trust-anchors' });

  /** URIs reported, for the sweep. */
  const seen = new Set<string>();
  const final = (reports: ObjectReport[]) => {
    if (opts.keepReports !== false) result.reports.push(...reports);
    if (source.uris) for (const r of reports) seen.add(r.uri);
    opts.onReports?.(reports);
  };

  // One queue for the whole tree, in the order CAs are admitted: breadth first, as if level by level, but a
  // publication point runs as soon as its CA is admitted, never waiting for the rest of its level.
  const points: C[] = [];
  const manifests = new Set<string>();
  const enqueue = (ca: C) => {
    const info = run.describe(ca);
    const mft = info.manifest ?? info.uri;
    if (manifests.has(mft)) return;
    manifests.add(mft);
    points.push(ca);
  };
  const skis = new Map<string, string>();
  for (const tal of tals) {
    const { report, ca } = await validateTrustAnchor(tal, source, ctx);
    progress.objectsDone++;
    if (ca) admit(run.adopt(ca), report, run, skis, enqueue);
    final([report]);
  }

  await inOrder(points, run.concurrency, run.run.bind(run), opts.signal, (r) => {
    result.vrps.push(...r.vrps);
    result.aspas.push(...r.aspas);
    result.routerKeys.push(...r.routerKeys);
    if (r.children.length) {
      const byUri = new Map(r.reports.map((x) => [x.uri, x]));
      for (const child of r.children) admit(child, byUri.get(run.describe(child).uri)!, run, skis, enqueue);
    }
    final(r.reports);
    progress.objectsDone += r.reports.length;
    progress.publicationPoints++;
    progress.publicationPointsQueued = points.length - progress.publicationPoints;
    opts.onProgress?.({ ...progress, phase: 'publication-points' });
  });

  if (source.uris) {
    opts.onProgress?.({ ...progress, phase: 'sweep' });
    final(await sweep(source, seen));
  }
  result.reports.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  opts.onProgress?.({ ...progress, phase: 'done', publicationPointsQueued: 0 });
  return result;
}

/**
 * Runs `work` over `items` keeping at most `limit` in flight: each item starts as soon as a place is free. `take`
 * gets the results in input order, each as soon as all before it are in, whatever order they finished in; none is
 * kept after. `take` may append items: they run in turn, and the promise resolves once every item is taken.
 */
export function inOrder<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
  signal: AbortSignal | undefined,
  take: (r: R) => void,
): Promise<void> {
  const early = new Map<number, R>();
  let next = 0;
  let taken = 0;
  let running = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      failed = true;
      reject(e);
    };
    const pump = () => {
      try {
        while (!failed && running < Math.max(1, limit) && next < items.length) {
          signal?.throwIfAborted();
          const i = next++;
          running++;
          work(items[i]).then((r) => {
            running--;
            if (failed) return;
            early.set(i, r);
            try {
              while (early.has(taken)) {
                const got = early.get(taken)!;
                early.delete(taken++);
                take(got);
              }
            } catch (e) {
              return fail(e);
            }
            pump();
          }, fail);
        }
        if (!failed && taken === items.length && running === 0) resolve();
      } catch (e) {
        fail(e);
      }
    };
    pump();
  });
}

/** Queues a validated CA unless its SKI is taken (RFC 6487 §4.8.2: unique per key) or the tree is too deep. */
function admit<C>(ca: C, report: ObjectReport, run: PublicationPointRunner<C>, skis: Map<string, string>, enqueue: (ca: C) => void): void {
  const { ski, uri, path } = run.describe(ca);
  const holder = skis.get(ski);
  const findings = new Findings();
  if (holder !== undefined) {
    findings.add(path.includes(holder) ? 'walk.ca.loop' : 'walk.ca.duplicate-ski', { ski, holder });
  } else if (path.length > MAX_DEPTH) {
    findings.add('walk.ca.too-deep', { depth: path.length, limit: MAX_DEPTH });
  } else {
    skis.set(ski, uri);
    enqueue(ca);
    return;
  }
  report.findings.push(...findings.list);
  report.status = 'invalid';
}

/** Reports of every object of the snapshot that no validated manifest listed. */
async function sweep(source: ObjectSource, seen: ReadonlySet<string>): Promise<ObjectReport[]> {
  const out: ObjectReport[] = [];
  for await (const uri of source.uris!()) {
    if (seen.has(uri)) continue;
    const findings = new Findings();
    findings.add('walk.object.unreached', { uri });
    out.push({ uri, type: typeOfName(uri), status: 'unreached', findings: findings.list });
  }
  return out;
}
