/** What the snapshot readers take and give: host-neutral files in, (URI, bytes) entries out. */
import type { FindingCode } from '../report/catalog.ts';
import { makeFinding, type Finding, type Params } from '../report/finding.ts';
import type { FileLike } from './files.ts';
import { gunzip } from './streams.ts';

/**
 * One file of a folder, as any host can offer it: Node from a directory walk, a browser from the File objects of a
 * dropped directory (`webkitRelativePath`). `path` is relative to the folder, "/"-separated.
 */
export interface SnapshotFile {
  path: string;
  size: number;
  read(): Promise<Uint8Array>;
  /** The content as a stream, for files too large to hold at once (RRDP snapshots). */
  stream?(): ReadableStream<Uint8Array>;
  /** The host saw a symbolic link here (to `linkTarget`); it is reported and skipped. */
  symlink?: boolean;
  linkTarget?: string;
}

/** A byte stream (a file, a download), its bytes, or a folder's files (a browser FileList will do). */
export type SnapshotInput = ReadableStream<Uint8Array> | Uint8Array | readonly SnapshotFile[] | ArrayLike<FileLike>;

/**
 * What a reader yields. `uri` is the object's rsync URI for repository objects; other roles use `file:<path>`.
 * `path` is where the entry was found in the input (archive member, file, or RRDP file and element).
 */
export type SnapshotEntry =
  | { role: 'object'; uri: string; bytes: Uint8Array; path: string }
  /** A trust anchor certificate kept beside the repository (rpki-client's `ta/<tal>/`): `tal` names its TAL. */
  | { role: 'ta-cert'; uri: string; bytes: Uint8Array; path: string; tal?: string }
  /** A TAL file found in the input. */
  | { role: 'tal'; uri: string; bytes: Uint8Array; path: string; name: string }
  /** A validator's own output stored beside the data (RPKIViews' output/rpki-client.json). */
  | { role: 'recorded'; uri: string; bytes: Uint8Array; path: string };

/** The layouts a reader recognises, for the summary. */
export type Layout =
  | 'rsync'
  | 'rpki-client-cache'
  | 'rpkiviews'
  | 'routinator-dump'
  | 'loose'
  | 'rrdp-snapshot'
  | 'rrdp-delta'
  | 'rrdp-notification'
  | 'rrdp-folder'
  | 'object'
  | 'tal';

export type Container = 'folder' | 'tar' | 'tar.gz' | 'xml' | 'xml.gz' | 'file' | 'file.gz';

export interface ReadSummary {
  container?: Container;
  layouts: Layout[];
  /** Input bytes consumed (compressed bytes for gzip). */
  bytes: number;
  /** Repository objects yielded, and their total size. */
  objects: number;
  objectBytes: number;
  /** Session and serial of the RRDP state loaded, when the input was RRDP. */
  rrdp?: { session: string; serial: string };
}

export interface ReadOptions {
  /** Objects larger than this are skipped unread. Default 64 MiB. */
  maxObjectSize?: number;
  signal?: AbortSignal;
  /**
   * Gzip decompression. The default is the platform's DecompressionStream, which in browsers applies back-pressure;
   * Node's (20) queues its whole output when the reader is slower than zlib, so the CLI passes node:zlib's.
   */
  gunzip?: (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
}

export const DEFAULT_MAX_OBJECT_SIZE = 64 * 1024 * 1024;

export type FindingSink = (f: Finding) => void;

/** Context passed through the readers: where findings go, the limits, and the running summary. */
export interface ReadContext {
  name: string;
  maxObjectSize: number;
  summary: ReadSummary;
  gunzip(s: ReadableStream<Uint8Array>): ReadableStream<Uint8Array>;
  report(code: FindingCode, params: Params): void;
  layout(l: Layout): void;
  signal?: AbortSignal;
}

export function makeContext(name: string, onFinding: FindingSink, opts: ReadOptions): ReadContext {
  const summary: ReadSummary = { layouts: [], bytes: 0, objects: 0, objectBytes: 0 };
  return {
    name,
    maxObjectSize: opts.maxObjectSize ?? DEFAULT_MAX_OBJECT_SIZE,
    summary,
    signal: opts.signal,
    gunzip: opts.gunzip ?? gunzip,
    report: (code, params) => onFinding(makeFinding(code, params)),
    layout(l) {
      if (!summary.layouts.includes(l)) summary.layouts.push(l);
    },
  };
}
