/**
 * RRDP files read together (RFC 8182 §3.4): a folder with a notification, the snapshot it names (or an older one)
 * and deltas. The notification vouches for the snapshot and each delta by SHA-256 (§3.5.1.3), and the files must be
 * of its session and serials (§3.5.2.3, §3.5.3.3). The state loaded is the snapshot plus the contiguous deltas after
 * it (§3.4.2); a delta that does not continue the state stops the chain there.
 *
 * The snapshot is streamed: objects no delta touches are yielded as they are parsed, the few that deltas change are
 * held until the end. Hashes are checked before any object of a file is used, which costs one extra read of the
 * snapshot when a notification is present.
 */
import type { FindingCode } from '../report/catalog.ts';
import type { Params } from '../report/finding.ts';
import { DeltaPlan, readRrdpFile, type DeltaOp, type Notification, type RrdpRoot } from './rrdp.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fingerprint, peek, streamOf, type ByteStream } from './streams.ts';
import type { ReadContext, SnapshotEntry, SnapshotFile } from './types.ts';

interface Probe {
  file: SnapshotFile;
  root: RrdpRoot;
  notification?: Notification;
  sha?: string;
}

/** A file's content as a stream, gunzipped when it is gzip. */
async function open(file: SnapshotFile, ctx: ReadContext, onBytes?: (n: number) => void): Promise<{ stream: ByteStream; gzip: boolean }> {
  const raw = file.stream ? file.stream() : streamOf(await file.read());
  const { head, stream } = await peek(raw, 2, onBytes);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  return { stream: gzip ? ctx.gunzip(stream) : stream, gzip };
}

/** SHA-256 of a file's (decompressed) content; undefined when it cannot be read. */
async function hashFile(file: SnapshotFile, ctx: ReadContext): Promise<string | undefined> {
  const { stream } = await open(file, ctx);
  const h = sha256.create();
  const reader = stream.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) h.update(r.value);
    return bytesToHex(h.digest());
  } catch {
    return undefined;
  } finally {
    reader.releaseLock();
  }
}

function compareSerial(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function* readRrdpFolder(files: readonly SnapshotFile[], ctx: ReadContext): AsyncGenerator<SnapshotEntry> {
  ctx.layout('rrdp-folder');
  const report = (code: FindingCode, params: Params) => ctx.report(code, params);
  const probes: Probe[] = [];
  for (const file of files) {
    const held: [FindingCode, Params][] = [];
    const { stream, gzip } = await open(file, ctx);
    const gen = readRrdpFile(stream, file.path, (c, p) => held.push([c, p]), { maxObjectSize: ctx.maxObjectSize, rootOnly: true, gzip });
    let r = await gen.next();
    while (!r.done) r = await gen.next();
    const root = r.value.root;
    if (!root) {
      for (const [c, p] of held) report(c, p);
      continue;
    }
    const probe: Probe = { file, root };
    if (root.element === 'notification') {
      const full = await open(file, ctx);
      const all = readRrdpFile(full.stream, file.path, report, { maxObjectSize: ctx.maxObjectSize, gzip: full.gzip });
      let x = await all.next();
      while (!x.done) x = await all.next();
      if (!x.value.notification) continue;
      probe.notification = x.value.notification;
    }
    probes.push(probe);
  }
  const ignore = (p: Probe, reason: string) =>
    report('snapshot.rrdp.file.ignored', { entry: p.file.path, element: p.root.element, session: p.root.session, serial: String(p.root.serial), reason });

  const notifications = probes.filter((p) => p.notification).sort((a, b) => compareSerial(b.root.serial, a.root.serial));
  const n = notifications[0]?.notification;
  const nPath = notifications[0]?.file.path ?? '';
  for (const other of notifications.slice(1)) ignore(other, `the notification ${nPath} is newer`);

  // The base snapshot: the one the notification names by hash, else the newest older one of its session.
  const snapshots = probes.filter((p) => p.root.element === 'snapshot').sort((a, b) => compareSerial(b.root.serial, a.root.serial));
  let base: Probe | undefined;
  if (n) {
    for (const s of snapshots) s.sha = await hashFile(s.file, ctx);
    const named = snapshots.find((s) => s.sha === n.snapshot?.hash);
    const common = { notification: nPath };
    if (named) {
      if (named.root.session !== n.session) {
        report('snapshot.rrdp.snapshot.session-mismatch', { entry: named.file.path, ...common, found: named.root.session, expected: n.session });
      } else if (named.root.serial !== n.serial) {
        report('snapshot.rrdp.snapshot.serial-mismatch', { entry: named.file.path, ...common, found: String(named.root.serial), expected: String(n.serial) });
      } else base = named;
    }
    for (const s of snapshots) {
      if (s === named) continue;
      if (s.root.session === n.session && s.root.serial === n.serial) {
        report('snapshot.rrdp.snapshot.hash-mismatch', { entry: s.file.path, ...common, found: s.sha ?? 'unreadable', expected: n.snapshot?.hash ?? 'none' });
      } else if (!base && !named && s.root.session === n.session && s.root.serial < n.serial) {
        base = s;
        report('snapshot.rrdp.snapshot.behind', { entry: s.file.path, serial: String(s.root.serial), target: String(n.serial) });
      } else ignore(s, s.root.session !== n.session ? `the notification is of session ${n.session}` : 'another snapshot is used');
    }
    if (!base) report('snapshot.rrdp.snapshot.missing', { entry: nPath, session: n.session });
  } else {
    base = snapshots[0];
    for (const s of snapshots.slice(1)) ignore(s, `the snapshot ${base.file.path} is newer`);
    if (base) report('snapshot.rrdp.notification.none', { entry: base.file.path, snapshot: base.file.path });
  }

  // The deltas after the base, one serial after another, each checked against the notification's hash.
  const deltas = probes.filter((p) => p.root.element === 'delta');
  const used: Probe[] = [];
  const refused = new Set<Probe>();
  if (base) {
    const target = n ? n.serial : deltas.filter((d) => d.root.session === base!.root.session).reduce((m, d) => (d.root.serial > m ? d.root.serial : m), base.root.serial);
    for (let s = base.root.serial + 1n; s <= target; s++) {
      const d = deltas.find((x) => x.root.session === base.root.session && x.root.serial === s);
      if (!d) {
        report('snapshot.rrdp.delta.gap', { entry: n ? nPath : base.file.path, serial: String(s), reached: String(s - 1n), target: String(target) });
        break;
      }
      const ref = n?.deltas.find((x) => x.serial === s);
      if (n && !ref) report('snapshot.rrdp.delta.not-listed', { entry: d.file.path, notification: nPath, serial: String(s) });
      if (ref) {
        d.sha = await hashFile(d.file, ctx);
        if (d.sha !== ref.hash) {
          report('snapshot.rrdp.delta.hash-mismatch', { entry: d.file.path, notification: nPath, serial: String(s), found: d.sha ?? 'unreadable', expected: ref.hash });
          refused.add(d);
          break;
        }
      }
      used.push(d);
    }
  }
  for (const d of deltas) {
    if (used.includes(d) || refused.has(d)) continue;
    if (n && d.root.session !== n.session) {
      const ref = n.deltas.find((x) => x.serial === d.root.serial);
      if (ref && (d.sha ??= await hashFile(d.file, ctx)) === ref.hash) {
        report('snapshot.rrdp.delta.session-mismatch', { entry: d.file.path, found: d.root.session, expected: n.session });
      } else ignore(d, `the notification is of session ${n.session}`);
      continue;
    }
    const listed = n?.deltas.find((x) => x.serial === d.root.serial);
    if (listed && (d.sha ??= await hashFile(d.file, ctx)) !== listed.hash) {
      const other = n!.deltas.find((x) => x.hash === d.sha);
      if (other) report('snapshot.rrdp.delta.serial-mismatch', { entry: d.file.path, found: String(d.root.serial), expected: String(other.serial) });
      else report('snapshot.rrdp.delta.hash-mismatch', { entry: d.file.path, notification: nPath, serial: String(d.root.serial), found: d.sha ?? 'unreadable', expected: listed.hash });
    } else if (base) ignore(d, d.root.serial <= base.root.serial ? `the snapshot ${base.file.path} already contains it` : 'it does not continue the chain of deltas');
  }
  if (!base) return;

  const plan = new DeltaPlan(report);
  for (const d of used) {
    const ops: DeltaOp[] = [];
    const { stream, gzip } = await open(d.file, ctx);
    const gen = readRrdpFile(stream, d.file.path, report, { maxObjectSize: ctx.maxObjectSize, gzip });
    let r = await gen.next();
    for (; !r.done; r = await gen.next()) {
      const e = r.value;
      if (e.type === 'publish') ops.push({ serial: d.root.serial, entry: d.file.path, kind: 'publish', uri: e.uri, hash: e.hash, bytes: e.bytes });
      else if (e.type === 'withdraw') ops.push({ serial: d.root.serial, entry: d.file.path, kind: 'withdraw', uri: e.uri, hash: e.hash });
    }
    if (!r.value.complete) {
      plan.stopAt ??= d.root.serial;
      break;
    }
    plan.addDelta(d.root.serial, ops);
  }

  const held = new Map<string, Uint8Array>();
  const seen = new Map<string, number>();
  const { stream, gzip } = await open(base.file, ctx, (k) => (ctx.summary.bytes += k));
  const gen = readRrdpFile(stream, base.file.path, report, { maxObjectSize: ctx.maxObjectSize, gzip });
  for (let r = await gen.next(); !r.done; r = await gen.next()) {
    const e = r.value;
    if (e.type !== 'publish') continue;
    const fp = fingerprint(e.bytes);
    const prev = seen.get(e.uri);
    if (prev !== undefined) {
      if (prev !== fp) report('snapshot.rrdp.publish.duplicate', { entry: base.file.path, uri: e.uri, line: e.line });
      continue;
    }
    seen.set(e.uri, fp);
    if (plan.touches(e.uri)) held.set(e.uri, e.bytes);
    else yield object(ctx, e.uri, e.bytes, `${base.file.path}#${e.uri}`);
  }
  const touched = [...plan.uris].sort();
  for (const uri of touched) plan.checkBase(uri, held.get(uri));
  for (const uri of touched) {
    const bytes = plan.result(uri, held.get(uri));
    if (bytes) yield object(ctx, uri, bytes, `${base.file.path}+deltas#${uri}`);
  }
  const last = used.filter((d) => plan.stopAt === undefined || d.root.serial < plan.stopAt).pop();
  ctx.summary.rrdp = { session: base.root.session, serial: String(last?.root.serial ?? base.root.serial) };
}

function object(ctx: ReadContext, uri: string, bytes: Uint8Array, path: string): SnapshotEntry {
  ctx.summary.objects++;
  ctx.summary.objectBytes += bytes.length;
  return { role: 'object', uri, bytes, path };
}
