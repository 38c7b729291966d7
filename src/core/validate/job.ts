/**
 * A publication point as a job for another thread (RFC 9286 §6 is run there by processPublicationPoint): plain,
 * structured-cloneable data both ways. A ValidCa holds a decoded certificate and a key promise, which cannot cross
 * a thread; its job descriptor holds the certificate's DER and what its validation established (resources with
 * inheritance resolved, the soonest expiry on its path), and the worker rebuilds the ValidCa: one decode of the
 * certificate and one key import per publication point.
 *
 * A publication point is a directory (RFC 6481 §2.2): everything its manifest lists sits beside the manifest, so
 * the directory's files travel with the job and the worker needs no other access to the snapshot.
 */
import { decodeCert } from '../objects/cert.ts';
import { decodeManifest } from '../objects/manifest.ts';
import type { ResourceSet } from '../resources/index.ts';
import { makeValidCa, type ValidCa, type VerifyContext } from './issuer.ts';
import { processPublicationPoint } from './publication-point.ts';
import { baseName, dirOf, type ObjectSource } from './source.ts';
import type { AspaPayload, ObjectReport, RouterKey, Vrp } from './types.ts';
import type { CaInfo, PointResult, PublicationPointRunner } from './walk.ts';

/** A validated CA, as data. */
export interface CaJob {
  uri: string;
  /** The certificate's DER. */
  certBytes: Uint8Array;
  /** Resources with inheritance resolved (RFC 3779 §2.3, §3.3). */
  resources: ResourceSet;
  /** The soonest notAfter on the path from the trust anchor down to this CA, Unix seconds. */
  expires: number;
  ta: string;
  path: string[];
  /** Read off the certificate once, so that scheduling needs no decode: SKI (hex) and SIA manifest URI. */
  ski: string;
  manifest?: string;
}

export interface PublicationPointJob {
  ca: CaJob;
  /** The files of the manifest's directory; absent when the worker reads the snapshot itself. */
  files?: PackedFiles;
  /** More files may still arrive: a job whose manifest lists a file it lacks returns only what it lacks. */
  early?: boolean;
}

/** A directory's files back to back in one buffer, which crosses threads as one transfer instead of a clone each. */
export interface PackedFiles {
  names: string[];
  /** Where each file ends in `bytes`. */
  ends: number[];
  bytes: Uint8Array;
}

export interface JobResult {
  reports: ObjectReport[];
  vrps: Vrp[];
  aspas: AspaPayload[];
  routerKeys: RouterKey[];
  /** The CAs this publication point validated, in manifest order. */
  children: CaJob[];
  /** Whether a file looked for was not among the job's files (it may not have arrived yet: see runArriving). */
  missed?: boolean;
  /** An early job's manifest, or files it lists, not among the job's files; nothing was validated. */
  lacking?: string[];
}

export function caJob(ca: ValidCa): CaJob {
  return {
    uri: ca.uri,
    certBytes: ownBytes(ca.cert.bytes),
    resources: ca.resources,
    expires: ca.expires,
    ta: ca.ta,
    path: ca.path,
    ski: ca.cert.ski ?? '',
    manifest: ca.cert.sia.rpkiManifest,
  };
}

export function describeJob(ca: CaJob): CaInfo {
  return { uri: ca.uri, ski: ca.ski, manifest: ca.manifest, path: ca.path };
}

/** Rebuilds the ValidCa of a job: the certificate passed every check where it was validated, so it decodes. */
export function restoreCa(job: CaJob, ctx: VerifyContext): ValidCa {
  const cert = decodeCert(job.certBytes);
  if (!cert.ok) throw new Error(`${job.uri}: a validated CA certificate no longer decodes`);
  return makeValidCa(job.uri, cert.value, job.resources, job.expires, job.ta, job.path, ctx);
}

/** Runs a job: the publication point of `job.ca`, over the job's files or else `source`. */
export async function runJob(job: PublicationPointJob, ctx: VerifyContext, source?: ObjectSource): Promise<JobResult> {
  const ca = restoreCa(job.ca, ctx);
  const from = job.files ? filesSource(job.ca, job.files) : source;
  if (!from) throw new Error(`${job.ca.uri}: a job without files needs a source`);
  const lacking = job.early && job.files ? lackingFiles(job.ca, job.files) : [];
  if (lacking.length) return { reports: [], vrps: [], aspas: [], routerKeys: [], children: [], lacking };
  const result = jobResult(await processPublicationPoint(ca, from, ctx));
  if ('missed' in from && from.missed) result.missed = true;
  return result;
}

export function jobResult(r: PointResult<ValidCa>): JobResult {
  return { reports: r.reports, vrps: r.vrps, aspas: r.aspas, routerKeys: r.routerKeys, children: r.children.map(caJob) };
}

/** Directories for jobs while a snapshot may still be arriving (../snapshot/arrivals.ts). */
export interface ArrivingDirectories {
  /** Undefined when the directory looks complete, or every object has arrived; else resolves once so. */
  ready(dir: string, manifest?: string): Promise<void> | undefined;
  /** Whether every object has arrived. */
  readonly complete: boolean;
  /** Resolves once every object has arrived. */
  all(): Promise<void>;
  /** Undefined when the object has arrived, or every object has; else resolves once so. */
  object(uri: string): Promise<void> | undefined;
  /** A directory's files so far, as views valid until the current task ends. */
  directory(dir: string): Files | Promise<Files>;
  /** The job is done with the files the directory last handed out. */
  finished(dir: string): void;
}

/**
 * Runs a CA's job (`send`: on whatever thread) with the files of its directory once that looks complete. A job sent
 * before every object arrived that lacks its manifest or a file the manifest lists runs once they have arrived; one
 * that still looked for a file it did not have runs again once every object has: the result is always the one the
 * complete snapshot gives.
 */
export async function runArriving(
  ca: CaJob,
  dirs: ArrivingDirectories,
  send: (job: PublicationPointJob, transfer: ArrayBuffer[]) => Promise<JobResult>,
): Promise<JobResult> {
  const dir = jobDir(ca);
  await dirs.ready(dir, ca.manifest);
  for (;;) {
    const early = !dirs.complete;
    const { job, transfer } = jobWithFiles(ca, await dirs.directory(dir));
    const result = await send({ ...job, early }, transfer);
    if (early && result.lacking) await Promise.all(result.lacking.map((uri) => dirs.object(uri)));
    else if (early && result.missed) await dirs.all();
    else {
      dirs.finished(dir);
      return result;
    }
  }
}

/** An early job's manifest, or the files it lists, that are not among its files. */
function lackingFiles(ca: CaJob, files: PackedFiles): string[] {
  const dir = jobDir(ca);
  const have = new Set(files.names);
  const mftName = ca.manifest && baseName(ca.manifest);
  if (!mftName) return [];
  const i = files.names.indexOf(mftName);
  if (i < 0) return [ca.manifest!];
  const mft = decodeManifest(files.bytes.subarray(i ? files.ends[i - 1] : 0, files.ends[i]));
  // A manifest that does not decode is reported whatever else arrives.
  return mft.ok ? mft.value.fileList.filter((f) => !have.has(f.file)).map((f) => dir + f.file) : [];
}

/**
 * A result as it crosses threads: the reports and payloads as JSON, which Chromium and Node serialise at about
 * twice the speed of a structured clone of many small objects; the children (with bigint resources) as they are,
 * their certificates transferred.
 */
export interface WireResult {
  json: string;
  children: CaJob[];
}

export function toWire(r: JobResult): { wire: WireResult; transfer: ArrayBuffer[] } {
  const { children, ...rest } = r;
  return { wire: { json: JSON.stringify(rest), children }, transfer: [...new Set(children.map((c) => c.certBytes.buffer as ArrayBuffer))] };
}

export function fromWire(w: WireResult): JobResult {
  return { ...(JSON.parse(w.json) as Omit<JobResult, 'children'>), children: w.children };
}

/**
 * The objects of a snapshot (their bytes, or where they are) grouped by directory, to hand each publication point
 * its files.
 */
export function filesByDirectory<T = Uint8Array>(objects: Iterable<[string, T]>): Map<string, [string, T][]> {
  const dirs = new Map<string, [string, T][]>();
  for (const [uri, bytes] of objects) {
    const dir = dirOf(uri);
    let list = dirs.get(dir);
    if (!list) dirs.set(dir, (list = []));
    list.push([baseName(uri), bytes]);
  }
  return dirs;
}

/** A directory's files by name. */
export type Files = readonly (readonly [string, Uint8Array])[];

/** The directory a CA's job needs: its manifest's (RFC 6481 §2.2). */
export function jobDir(ca: CaJob): string {
  return dirOf(ca.manifest ?? ca.uri);
}

/** The job for a CA with the files of its manifest's directory, packed, and the buffer to transfer. */
export function jobWithFiles(ca: CaJob, files: Files = []): { job: PublicationPointJob; transfer: ArrayBuffer[] } {
  const names: string[] = [];
  const ends: number[] = [];
  let size = 0;
  for (const [name, bytes] of files) {
    names.push(name);
    ends.push((size += bytes.length));
  }
  const packed = new Uint8Array(size);
  files.forEach(([, bytes], i) => packed.set(bytes, i ? ends[i - 1] : 0));
  return { job: { ca, files: { names, ends, bytes: packed } }, transfer: [packed.buffer] };
}

/** A runner that hands every publication point to `run` as a job: the host decides where it runs. */
export function jobRunner(
  concurrency: number,
  run: (ca: CaJob) => Promise<JobResult>,
): PublicationPointRunner<CaJob> {
  return { concurrency, adopt: caJob, describe: describeJob, run };
}

/** An ObjectSource over the files of one directory, telling whether a file looked for was not there. */
function filesSource(ca: CaJob, files: PackedFiles): ObjectSource & { missed: boolean } {
  const dir = jobDir(ca);
  const byName = new Map(files.names.map((name, i) => [name, files.bytes.subarray(i ? files.ends[i - 1] : 0, files.ends[i])]));
  return {
    missed: false,
    get(uri) {
      const bytes = uri.startsWith(dir) && uri.indexOf('/', dir.length) < 0 ? byName.get(uri.slice(dir.length)) : undefined;
      if (!bytes) this.missed = true;
      return bytes;
    },
  };
}

/** A view's own copy of its bytes, unless it already spans its whole buffer. */
function ownBytes(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
}

/**
 * Spreads jobs over a fixed set of workers: each job goes to the worker with the fewest jobs in flight (the first
 * such), so a free worker is always used first; with every worker holding `depth` jobs, jobs wait their turn in
 * order. Host-neutral: `lanes` are whatever runs a job (a comlink proxy to a Web Worker or a worker_threads worker).
 */
export class JobPool<J, R> {
  private readonly load: number[];
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly lanes: readonly ((job: J) => Promise<R>)[],
    private readonly depth = Number.POSITIVE_INFINITY,
  ) {
    if (!lanes.length) throw new Error('a job pool needs at least one worker');
    this.load = lanes.map(() => 0);
  }

  async run(job: J): Promise<R> {
    let best = this.leastLoaded();
    if (this.load[best] >= this.depth || this.waiting.length) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      best = this.leastLoaded();
    }
    this.load[best]++;
    try {
      return await this.lanes[best](job);
    } finally {
      this.load[best]--;
      this.waiting.shift()?.();
    }
  }

  private leastLoaded(): number {
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[best]) best = i;
    return best;
  }
}
