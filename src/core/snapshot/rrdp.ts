/**
 * RRDP files as a relying party reads them (RFC 8182 §3.4): one file from a byte stream, the notification's checks,
 * which deltas a known state needs, and the application of deltas in serial order with their hash checks (§3.5.3.3).
 * SHA-256 comes from @noble/hashes, which hashes incrementally (a snapshot is hashed while it is parsed) in every
 * host; WebCrypto cannot.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Findings, makeFinding, type Decoded } from '../report/finding.ts';
import { RrdpParser, type Report, type RrdpEvent, type RrdpRoot } from './rrdp-xml.ts';
import { gzipFailure, type ByteStream } from './streams.ts';

export { objectUriProblem, RRDP_NAMESPACE, type RrdpElement, type RrdpEvent, type RrdpRoot } from './rrdp-xml.ts';

export interface DeltaRef {
  serial: bigint;
  uri: string;
  hash: string;
}

/** RFC 8182 §3.5.1: the notification, deltas sorted by serial (ascending). */
export interface Notification {
  session: string;
  serial: bigint;
  snapshot?: { uri: string; hash: string };
  deltas: DeltaRef[];
}

export interface RrdpFileResult {
  root?: RrdpRoot;
  /** No fatal error: the whole file was read. */
  complete: boolean;
  /** Lowercase hex SHA-256 of the file's bytes, when asked for. */
  sha256?: string;
  notification?: Notification;
  published: number;
  withdrawn: number;
}

export interface RrdpReadOptions {
  maxObjectSize: number;
  /** Hash the file as it is read. */
  hash?: boolean;
  /** The stream is gunzipped: read errors are gzip failures. */
  gzip?: boolean;
  /** Stop after the root element (to learn a file's kind, session and serial cheaply). */
  rootOnly?: boolean;
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/**
 * Reads one RRDP file. Publish and withdraw elements are yielded as they complete; the return value holds the root,
 * the notification (for a notification file) and the file's hash. Never throws: stream failures become findings.
 */
export async function* readRrdpFile(
  stream: ByteStream,
  entry: string,
  report: Report,
  opts: RrdpReadOptions,
): AsyncGenerator<RrdpEvent, RrdpFileResult> {
  const queue: RrdpEvent[] = [];
  const parser = new RrdpParser(entry, report, opts.maxObjectSize, (e) => queue.push(e));
  const hasher = opts.hash ? sha256.create() : undefined;
  const text = new TextDecoder('utf-8', { fatal: true });
  const result: RrdpFileResult = { complete: false, published: 0, withdrawn: 0 };
  const refs: { snapshot: { uri: string; hash: string }[]; deltas: DeltaRef[] } = { snapshot: [], deltas: [] };
  const reader = stream.getReader();
  let ended = false;
  const take = function* (): Generator<RrdpEvent> {
    for (let e = queue.shift(); e; e = queue.shift()) {
      if (e.type === 'root') result.root = e.root;
      else if (e.type === 'snapshot-ref') refs.snapshot.push({ uri: e.uri, hash: e.hash });
      else if (e.type === 'delta-ref') refs.deltas.push({ serial: e.serial, uri: e.uri, hash: e.hash });
      else {
        if (e.type === 'publish') result.published++;
        else result.withdrawn++;
        yield e;
      }
    }
  };
  try {
    while (!parser.stopped && !(opts.rootOnly && result.root)) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (opts.gzip) {
          const f = gzipFailure(e);
          report(f.code, { entry, reason: f.reason });
        } else report('snapshot.entry.read-failed', { entry, reason: e instanceof Error ? e.message : String(e) });
        return result;
      }
      if (chunk.done) {
        ended = true;
        break;
      }
      hasher?.update(chunk.value);
      let s: string;
      try {
        s = text.decode(chunk.value, { stream: true });
      } catch {
        report('snapshot.xml.encoding', { entry, reason: 'the file is not valid UTF-8' });
        return result;
      }
      parser.write(s);
      for (const e of take()) yield e;
    }
    if (ended) {
      try {
        parser.write(text.decode());
      } catch {
        report('snapshot.xml.encoding', { entry, reason: 'the file ends inside a UTF-8 character' });
        return result;
      }
      parser.end();
      for (const e of take()) yield e;
      result.complete = !parser.stopped;
      if (hasher) result.sha256 = bytesToHex(hasher.digest());
    }
    if (result.root?.element === 'notification' && result.complete) {
      result.notification = checkNotification(result.root, refs, entry, report);
    }
    return result;
  } finally {
    if (!ended) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** RFC 8182 §3.5.1.3 and §3.4.1: one snapshot; deltas each of one serial, contiguous up to the notification's. */
function checkNotification(
  root: RrdpRoot,
  refs: { snapshot: { uri: string; hash: string }[]; deltas: DeltaRef[] },
  entry: string,
  report: Report,
): Notification {
  if (refs.snapshot.length !== 1) report('snapshot.rrdp.snapshot.count', { entry, count: refs.snapshot.length });
  const deltas = [...refs.deltas].sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
  const unique: DeltaRef[] = [];
  for (const d of deltas) {
    if (unique.length && unique[unique.length - 1].serial === d.serial) {
      report('snapshot.rrdp.notification.delta-duplicate', { entry, serial: String(d.serial) });
    } else unique.push(d);
  }
  if (unique.length) {
    const missing: bigint[] = [];
    let expect = unique[0].serial;
    for (const d of unique) {
      for (; expect < d.serial && missing.length <= 10; expect++) missing.push(expect);
      expect = d.serial + 1n;
    }
    for (; expect <= root.serial && missing.length <= 10; expect++) missing.push(expect);
    if (missing.length) {
      const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', …' : '');
      report('snapshot.rrdp.notification.delta-serials', { entry, serial: String(root.serial), missing: shown });
    }
  }
  return { session: root.session, serial: root.serial, snapshot: refs.snapshot[0], deltas: unique };
}

/** A notification from its text or bytes, with every finding; for tests and tools that hold the file whole. */
export async function parseNotification(input: string | Uint8Array, entry = 'notification.xml'): Promise<Decoded<Notification>> {
  const findings = new Findings();
  const report: Report = (code, params) => findings.list.push(makeFinding(code, params));
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  const gen = readRrdpFile(stream, entry, report, { maxObjectSize: 0 });
  let r = await gen.next();
  while (!r.done) r = await gen.next();
  const n = r.value.notification;
  if (r.value.root && r.value.root.element !== 'notification') {
    findings.add('snapshot.rrdp.not-rrdp', { entry, element: r.value.root.element });
  }
  if (!n || findings.hasErrors) return { ok: false, value: n, findings: findings.list };
  return { ok: true, value: n, findings: findings.list };
}

export type DeltaDecision =
  | { kind: 'up-to-date' }
  | { kind: 'deltas'; deltas: DeltaRef[] }
  | { kind: 'snapshot'; reason: 'new-session' | 'deltas-missing' | 'ahead-of-server' };

/** RFC 8182 §3.4.1: what a relying party at (session, serial) must fetch to reach the notification's state. */
export function deltasNeeded(n: Notification, known: { session: string; serial: bigint }): DeltaDecision {
  if (known.session.toLowerCase() !== n.session) return { kind: 'snapshot', reason: 'new-session' };
  if (known.serial === n.serial) return { kind: 'up-to-date' };
  if (known.serial > n.serial) return { kind: 'snapshot', reason: 'ahead-of-server' };
  const needed: DeltaRef[] = [];
  for (let s = known.serial + 1n; s <= n.serial; s++) {
    const d = n.deltas.find((x) => x.serial === s);
    if (!d) return { kind: 'snapshot', reason: 'deltas-missing' };
    needed.push(d);
  }
  return { kind: 'deltas', deltas: needed };
}

/** One change of a delta file, in file order. `hash` is the hash of the object it expects to find. */
export interface DeltaOp {
  serial: bigint;
  entry: string;
  kind: 'publish' | 'withdraw';
  uri: string;
  hash?: string;
  bytes?: Uint8Array;
}

interface Known {
  present: boolean;
  hash?: string;
}

/**
 * Deltas applied in serial order (RFC 8182 §3.4.2). The changes are kept per URI; the chain of changes to one URI
 * is checked as they are added (each must find the object the previous one left), and the first change to each URI
 * is checked against the base state by `checkBase`. A failed check stops the deltas at that serial: the state is the
 * one before it, as a relying party that rejects the delta has.
 */
export class DeltaPlan {
  private readonly byUri = new Map<string, DeltaOp[]>();
  private readonly last = new Map<string, Known>();
  /** The first serial not applied, after a failed check. */
  stopAt?: bigint;

  constructor(private readonly report: Report) {}

  get uris(): IterableIterator<string> {
    return this.byUri.keys();
  }

  touches(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** Adds one delta's changes; serials must come in ascending order. */
  addDelta(serial: bigint, ops: readonly DeltaOp[]): void {
    for (const op of ops) {
      const list = this.byUri.get(op.uri);
      if (!list) {
        this.byUri.set(op.uri, [op]);
        this.last.set(op.uri, after(op));
        continue;
      }
      const known = this.last.get(op.uri)!;
      this.expect(op, known, serial);
      list.push(op);
      this.last.set(op.uri, after(op));
    }
  }

  /** Checks the first change to `uri` against the base state's copy (undefined: the base has none). */
  checkBase(uri: string, base: Uint8Array | undefined): void {
    const first = this.byUri.get(uri)?.[0];
    if (!first) return;
    this.expect(first, base ? { present: true, hash: sha256Hex(base) } : { present: false }, first.serial);
  }

  /** The object at `uri` after every delta before `stopAt`, from the base copy. */
  result(uri: string, base: Uint8Array | undefined): Uint8Array | undefined {
    let cur = base;
    for (const op of this.byUri.get(uri) ?? []) {
      if (this.stopAt !== undefined && op.serial >= this.stopAt) break;
      cur = op.kind === 'publish' ? op.bytes : undefined;
    }
    return cur;
  }

  private expect(op: DeltaOp, known: Known, serial: bigint): void {
    if (this.stopAt !== undefined && serial >= this.stopAt) return;
    const params = { entry: op.entry, op: op.kind, uri: op.uri, serial: String(serial) };
    let failed = true;
    // RFC 8182 §3.5.3.3: withdraw, and publish with a hash, act on the object with that hash; publish without one adds.
    if (op.hash !== undefined) {
      if (!known.present) this.report('snapshot.rrdp.delta.object-missing', params);
      else if (known.hash !== op.hash) this.report('snapshot.rrdp.delta.hash-conflict', { ...params, expected: op.hash, found: known.hash ?? '' });
      else failed = false;
    } else if (known.present) this.report('snapshot.rrdp.delta.object-exists', params);
    else failed = false;
    if (failed) this.stopAt = serial;
  }
}

function after(op: DeltaOp): Known {
  return op.kind === 'publish' ? { present: true, hash: sha256Hex(op.bytes!) } : { present: false };
}
