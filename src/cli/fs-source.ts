/**
 * An ObjectSource over a directory in rsync layout, as rpki-client keeps its cache: `DIR/<host>/<module>/<path>`
 * holds `rsync://<host>/<module>/<path>`, and `DIR/ta/<tal>/<file>.cer` the trust anchor certificates.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ObjectSource } from '../core/validate/source.ts';

/** Staging areas of rpki-client's cache, not repository content. */
const SKIP = new Set(['.rrdp', '.rsync', '.ta', 'ta']);

export class DirectorySource implements ObjectSource {
  /**
   * `talNames`: TAL names whose TA certificates may sit under `DIR/ta/<name>/`. `base`: the rsync URI the directory
   * stands for, when it holds one module rather than `<host>/<module>/` trees (`rsync://host/module/`).
   */
  constructor(
    readonly dir: string,
    readonly talNames: string[] = [],
    readonly base = 'rsync://',
  ) {}

  // Synchronous reads: the objects are small and in the page cache, and an async open/stat/read/close per file
  // costs more than the read itself.
  get(uri: string): Uint8Array | undefined {
    const path = uri.startsWith(this.base) ? safePath(uri.slice(this.base.length)) : undefined;
    if (path === undefined) return undefined;
    const direct = read(join(this.dir, path));
    if (direct || !uri.endsWith('.cer')) return direct;
    const file = path.slice(path.lastIndexOf('/') + 1);
    for (const tal of this.talNames) {
      const ta = read(join(this.dir, 'ta', tal, file));
      if (ta) return ta;
    }
    return undefined;
  }

  async *uris(): AsyncIterable<string> {
    const base = this.base;
    const walk = async function* (dir: string, rel: string, top: boolean): AsyncIterable<string> {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (top && SKIP.has(e.name)) continue;
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) yield* walk(join(dir, e.name), r, false);
        else if (e.isFile()) yield `${base}${r.split(sep).join('/')}`;
      }
    };
    yield* walk(this.dir, '', true);
  }
}

/** A relative path from a URI, refusing anything that could leave the directory. */
function safePath(path: string): string | undefined {
  if (path.split('/').some((p) => p === '' || p === '.' || p === '..') || path.includes('\\')) return undefined;
  return path;
}

/**
 * A file's bytes, read into one reused buffer: open, read and close, where readFileSync also stats the file first,
 * and each system call counts when a repository is hundreds of thousands of small files. A file that fills the
 * buffer is read again whole.
 */
const buffer = new Uint8Array(1 << 20);

function read(path: string): Uint8Array | undefined {
  try {
    const fd = openSync(path, 'r');
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, 0);
    } finally {
      closeSync(fd);
    }
    return n < buffer.length ? buffer.slice(0, n) : new Uint8Array(readFileSync(path));
  } catch {
    return undefined;
  }
}
