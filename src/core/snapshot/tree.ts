/**
 * Entries from a tree of files (a tar archive or a folder), path by path: the layout rules of ./layout.ts, the size
 * limit before anything is read, one object per URI (the first copy wins), rpki-client's staging copies only for URIs
 * the cache proper lacks, and loose files placed by their own URIs at the end.
 */
import { classifyPath, extensionOf, type PathClass } from './layout.ts';
import { resolveLoose, type LooseFile } from './loose.ts';
import { fingerprint } from './streams.ts';
import type { ReadContext, SnapshotEntry } from './types.ts';

/** rpki-client's JSON output of a full RPKI run is tens of megabytes; it is read whole, up to this. */
const MAX_RECORDED = 512 * 1024 * 1024;

export type Plan = Exclude<PathClass, { kind: 'unsafe' } | { kind: 'skip' } | { kind: 'other' } | { kind: 'rrdp' }> & { path: string };

export class TreeEntries {
  private readonly seen = new Map<string, number>();
  private readonly staged = new Map<string, { bytes: Uint8Array; path: string }>();
  private readonly loose: LooseFile[] = [];
  /** Entries of any role yielded, to tell an empty input. */
  yielded = 0;

  constructor(
    private readonly ctx: ReadContext,
    private readonly where: 'archive' | 'folder' | 'file',
  ) {}

  /** What to do with the file at `path`; undefined (after any finding) when it is not read at all. */
  plan(path: string, size: number): Plan | undefined {
    const c = classifyPath(path);
    switch (c.kind) {
      case 'skip':
        return undefined;
      case 'unsafe':
        this.ctx.report('snapshot.entry.path-unsafe', { entry: this.entry(path), reason: c.reason });
        return undefined;
      case 'other':
        this.ctx.report('snapshot.entry.not-rpki', { entry: this.entry(path), reason: c.reason });
        return undefined;
      case 'rrdp':
        this.ctx.report('snapshot.entry.not-rpki', {
          entry: this.entry(path),
          reason: this.where === 'archive' ? 'RRDP files inside an archive are not read' : 'an RRDP file beside a repository tree is not read',
        });
        return undefined;
    }
    const limit = c.kind === 'recorded' ? Math.max(this.ctx.maxObjectSize, MAX_RECORDED) : this.ctx.maxObjectSize;
    if (size > limit) {
      this.ctx.report('snapshot.entry.too-large', { entry: this.entry(path), size, limit });
      return undefined;
    }
    return { ...c, path };
  }

  /** The entries a planned file gives now (loose files and staging copies wait for `finish`). */
  *accept(plan: Plan, bytes: Uint8Array): Generator<SnapshotEntry> {
    const path = plan.path;
    switch (plan.kind) {
      case 'object':
        this.ctx.layout(plan.layout);
        this.checkDer(path, bytes);
        if (plan.staging) {
          if (!this.seen.has(plan.uri) && !this.staged.has(plan.uri)) this.staged.set(plan.uri, { bytes, path });
          return;
        }
        yield* this.object(plan.uri, bytes, path);
        return;
      case 'ta-cert':
        this.ctx.layout('rpki-client-cache');
        this.yielded++;
        yield { role: 'ta-cert', uri: `file:${path}`, bytes, path, tal: plan.tal };
        return;
      case 'tal':
        this.yielded++;
        yield { role: 'tal', uri: `file:${path}`, bytes, path, name: plan.name };
        return;
      case 'recorded':
        if (/^(?:\.\/)?rpki-[^/]*\/output\//.test(path)) this.ctx.layout('rpkiviews');
        this.yielded++;
        yield { role: 'recorded', uri: `file:${path}`, bytes, path };
        return;
      case 'loose':
        this.loose.push({ path, bytes });
        return;
    }
  }

  /** Staging copies of URIs found nowhere else, then the loose files. */
  *finish(): Generator<SnapshotEntry> {
    for (const [uri, { bytes, path }] of this.staged) {
      if (this.seen.has(uri)) continue;
      this.ctx.report('snapshot.entry.staging', { entry: this.entry(path), uri });
      yield* this.object(uri, bytes, path);
    }
    this.staged.clear();
    if (!this.loose.length) return;
    for (const r of resolveLoose(this.loose)) {
      const path = r.file.path;
      if (r.kind === 'unknown') {
        this.ctx.report('snapshot.entry.not-rpki', { entry: this.entry(path), reason: 'the content is not a certificate, CRL, signed object or TAL' });
      } else if (r.kind === 'tal') {
        this.yielded++;
        yield { role: 'tal', uri: `file:${path}`, bytes: r.file.bytes, path, name: path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '') };
      } else {
        this.ctx.layout(this.where === 'file' ? 'object' : 'loose');
        if (extensionOf(path) !== '') this.checkDer(path, r.file.bytes);
        yield* this.object(r.uri, r.file.bytes, path);
      }
    }
    this.loose.length = 0;
  }

  private *object(uri: string, bytes: Uint8Array, path: string): Generator<SnapshotEntry> {
    const fp = fingerprint(bytes);
    const prev = this.seen.get(uri);
    if (prev !== undefined) {
      if (prev !== fp) this.ctx.report('snapshot.entry.duplicate', { entry: this.entry(path), uri });
      return;
    }
    this.seen.set(uri, fp);
    this.staged.delete(uri);
    this.ctx.summary.objects++;
    this.ctx.summary.objectBytes += bytes.length;
    this.yielded++;
    yield { role: 'object', uri, bytes, path };
  }

  private checkDer(path: string, bytes: Uint8Array): void {
    // Every RPKI object is a DER SEQUENCE (tag 0x30).
    if (bytes[0] !== 0x30) {
      const byte = bytes.length ? `0x${bytes[0].toString(16).padStart(2, '0')}` : 'none: the file is empty';
      this.ctx.report('snapshot.entry.not-der', { entry: this.entry(path), byte });
    }
  }

  entry(path: string): string {
    return this.where === 'archive' ? `${this.ctx.name}: ${path}` : path;
  }
}
