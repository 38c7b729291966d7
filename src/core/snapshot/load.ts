/**
 * loadSnapshot: a whole snapshot in memory, for callers that keep everything (the CLI, tests): the objects as a
 * MapSource for the walk, the TALs found in it, the output recorded beside it, and every finding. loadInto puts the
 * objects into a sink of the host's instead (the app stores them as they come, and keeps none in memory).
 *
 * Trust anchor certificates kept apart from the repository (rpki-client's ta/<tal>/) are placed at the URIs of the
 * TAL whose key they carry, given or found. A trust anchor certificate no TAL names becomes a TAL of its own, with a
 * warning: its key then comes from the snapshot itself.
 */
import { bytesEqual } from '../crypto/crypto.ts';
import { decodeCert } from '../objects/cert.ts';
import { decodeTal } from '../objects/tal.ts';
import { makeFinding, type Finding } from '../report/finding.ts';
import { MapSource } from '../validate/source.ts';
import type { TalInput } from '../validate/types.ts';
import { readSnapshot } from './reader.ts';
import { parseRecorded, type RecordedOutput } from './recorded.ts';
import { giveTurn } from './turns.ts';
import type { Container, Layout, ReadOptions, SnapshotInput } from './types.ts';

export interface LoadOptions extends ReadOptions {
  /** TALs the caller will validate with: their trust anchor certificates are looked for in the snapshot. */
  tals?: readonly TalInput[];
  /** Gives the host's other tasks a turn (./turns.ts) after this many milliseconds of reading, when set. */
  turnEveryMs?: number;
}

export interface SnapshotStats {
  /** Input bytes read, repository objects loaded and their size, wall-clock seconds. */
  bytes: number;
  objects: number;
  objectBytes: number;
  seconds: number;
  container?: Container;
  layouts: Layout[];
  rrdp?: { session: string; serial: string };
}

/** Where loading puts the objects by URI: a Map, or a host's store that takes them as they come. */
export interface ObjectSink {
  has(uri: string): boolean;
  set(uri: string, bytes: Uint8Array): unknown;
  readonly size: number;
}

export interface LoadedSnapshot extends LoadedObjects {
  source: MapSource;
}

export interface LoadedObjects {
  /** TALs found in the snapshot (.tal files, and trust anchor certificates no TAL names). */
  tals: TalInput[];
  recorded?: RecordedOutput;
  findings: Finding[];
  stats: SnapshotStats;
}

export async function loadSnapshot(input: SnapshotInput, name: string, opts: LoadOptions = {}): Promise<LoadedSnapshot> {
  const objects = new Map<string, Uint8Array>();
  return { ...(await loadInto(input, name, objects, opts)), source: new MapSource(objects) };
}

export async function loadInto(input: SnapshotInput, name: string, objects: ObjectSink, opts: LoadOptions = {}): Promise<LoadedObjects> {
  const started = performance.now();
  const findings: Finding[] = [];
  const found: TalInput[] = [];
  const taCerts: { uri: string; path: string; tal?: string; bytes: Uint8Array }[] = [];
  let recorded: RecordedOutput | undefined;
  const reader = readSnapshot(input, name, (f) => findings.push(f), opts);
  let turn = performance.now();
  for await (const e of reader) {
    if (opts.turnEveryMs !== undefined && performance.now() - turn > opts.turnEveryMs) {
      await giveTurn();
      turn = performance.now();
    }
    switch (e.role) {
      case 'object':
        objects.set(e.uri, e.bytes);
        break;
      case 'ta-cert':
        taCerts.push(e);
        break;
      case 'tal': {
        const d = decodeTal(e.bytes, `${e.name}.tal`);
        if (!d.ok) {
          const first = d.findings.find((f) => f.severity === 'error');
          findings.push(makeFinding('snapshot.tal.rejected', { entry: e.path, reason: first ? `${first.code}: ${first.message}` : 'it does not decode' }));
        } else if (!found.some((t) => t.name === d.value.name && bytesEqual(t.spki, d.value.spki))) {
          found.push({ name: d.value.name, uris: d.value.uris, spki: d.value.spki });
        }
        break;
      }
      case 'recorded': {
        const r = parseRecorded(e.bytes, e.path);
        if (r.ok) recorded ??= r.value;
        else findings.push(makeFinding('snapshot.recorded.invalid', { entry: e.path, reason: r.reason }));
        break;
      }
    }
  }

  const known = [...(opts.tals ?? []), ...found];
  for (const ta of taCerts) {
    const cert = decodeCert(ta.bytes);
    if (!cert.ok || !cert.value.selfSigned) {
      // Not a trust anchor after all: kept under its own name, for the walk to report if anything leads there.
      objects.set(ta.uri, ta.bytes);
      continue;
    }
    const tals = known.filter((t) => bytesEqual(t.spki, cert.value.spki));
    for (const t of tals) for (const uri of t.uris) if (!objects.has(uri)) objects.set(uri, ta.bytes);
    if (tals.length) continue;
    const talName = ta.tal ?? ta.path.slice(ta.path.lastIndexOf('/') + 1).replace(/\.cer$/i, '');
    objects.set(ta.uri, ta.bytes);
    const synthesized: TalInput = { name: talName, uris: [ta.uri], spki: cert.value.spki };
    found.push(synthesized);
    known.push(synthesized);
    findings.push(makeFinding('snapshot.ta.from-snapshot', { entry: ta.path, tal: talName }));
  }

  const s = reader.summary;
  return {
    tals: found,
    recorded,
    findings,
    stats: {
      bytes: s.bytes,
      objects: objects.size,
      objectBytes: s.objectBytes,
      seconds: (performance.now() - started) / 1000,
      container: s.container,
      layouts: s.layouts,
      rrdp: s.rrdp,
    },
  };
}
