/**
 * A run's objects as packs (schema.ts PackRow), as a loading sink: objects are copied back to back into packs of
 * about PACK_BYTES as they are read, each full pack is written in a transaction of its own, and the run reads each
 * directory's files from the packs for its workers, while loading goes on (../core/snapshot/arrivals.ts tells when
 * a directory or an object may be read). A pack whose objects have all been used (their directory's job done with
 * them) is let go once written, and read back from the library should one be asked for again. So is every pack
 * beyond HOLD_BYTES of packs held for jobs to come: when the walk lags far behind reading (an archive whose trust
 * anchor comes last is read whole before any job can run), memory stays bounded whatever the snapshot's size.
 *
 * Packs are stored as bytes, not Blobs: Chromium keeps a Blob made by a page in the browser process's memory until
 * the page's garbage collector drops it, which in a worker that allocates little is most of a run (writing 320 MB
 * as 4 MB Blobs from a worker left the browser process 60 MB larger; as 4 MB byte arrays, no larger; in a private
 * window, where all of IndexedDB is kept in memory, both add their whole size).
 */
import { Arrivals } from '../core/snapshot/arrivals.ts';
import type { ObjectSink } from '../core/snapshot/index.ts';
import type { ArrivingDirectories, Files } from '../core/validate/job.ts';
import { baseName, dirOf, type ObjectSource } from '../core/validate/source.ts';
import type { ObjectAt } from './schema.ts';

/** Bytes per pack of objects: a pack is read whole to show one of its objects. */
export const PACK_BYTES = 4 << 20;

/** Bytes of written packs held for jobs to come; packs beyond are read back when their directories' turn comes. */
const HOLD_BYTES = 128 << 20;

/** Packs read back and kept: the jobs running at once read from a few packs, each many times in a row. */
const READ_BACK_PACKS = 4;

/** Where each object was put, by URI. */
export type ObjectLocations = Map<string, ObjectAt>;

/** Writes one pack: its bytes and how many objects they hold. */
export type WritePack = (pack: number, bytes: Uint8Array, objects: number) => Promise<void>;

/** Reads a written pack back. */
export type ReadPack = (pack: number) => Promise<Uint8Array>;

/** A loading sink, and the walk's source of objects while loading goes on and after. */
export class PackWriter implements ObjectSink, ObjectSource, ArrivingDirectories {
  readonly at: ObjectLocations = new Map();
  readonly arrivals = new Arrivals((uri) => this.at.has(uri));
  /** Each written pack's bytes, until all its objects have been used; the pack being filled is `current`. */
  private readonly packs: (Uint8Array | undefined)[] = [];
  /** Each pack's write. */
  private readonly written: Promise<void>[] = [];
  private current = new Uint8Array(0);
  private filled = 0;
  private objects = 0;
  private writing: Promise<void> = Promise.resolve();
  private failure?: { error: unknown };
  private closed = false;
  private readonly dirs = new Map<string, [string, ObjectAt][]>();
  /** Per pack, its objects not yet used. */
  private readonly unread: number[] = [];
  /** Per directory, how many of its files the last hand-out had, and how many of them are counted as used. */
  private readonly handed = new Map<string, number>();
  private readonly usedUpTo = new Map<string, number>();
  /** Bytes of the written packs held. */
  private heldBytes = 0;
  /** The packs read back last, least recently used first. */
  private readonly readBack = new Map<number, Promise<Uint8Array>>();

  constructor(
    private readonly writePack: WritePack,
    private readonly readPack: ReadPack,
    private readonly packBytes = PACK_BYTES,
    private readonly holdBytes = HOLD_BYTES,
  ) {}

  get size(): number {
    return this.at.size;
  }

  has(uri: string): boolean {
    return this.at.has(uri);
  }

  get complete(): boolean {
    return this.arrivals.complete;
  }

  /**
   * Copies an object in; a later one at the same URI is ignored, as the reader keeps the first copy (an object that
   * has arrived is final). Throws once a pack could not be written.
   */
  set(uri: string, bytes: Uint8Array): void {
    if (this.failure) throw this.failure.error;
    if (this.closed) throw new Error('the packs are complete: no object can be added');
    if (this.at.has(uri)) return;
    if (this.filled + bytes.byteLength > this.current.length) {
      this.flush();
      this.current = new Uint8Array(Math.max(this.packBytes, bytes.byteLength));
    }
    this.current.set(bytes, this.filled);
    const pack = this.packs.length;
    const at: ObjectAt = [pack, this.filled, (this.filled += bytes.byteLength)];
    this.at.set(uri, at);
    this.objects++;
    this.unread[pack] = (this.unread[pack] ?? 0) + 1;
    const dir = dirOf(uri);
    let files = this.dirs.get(dir);
    if (!files) this.dirs.set(dir, (files = []));
    files.push([baseName(uri), at]);
    this.arrivals.arrived(uri, dir);
  }

  private flush(): void {
    if (!this.objects) return;
    // A structured clone of a view copies its whole buffer: a pack is stored at its own size.
    const bytes = this.filled === this.current.length ? this.current : this.current.slice(0, this.filled);
    const pack = this.packs.push(bytes) - 1;
    this.heldBytes += bytes.byteLength;
    const objects = this.objects;
    this.current = new Uint8Array(0);
    this.filled = this.objects = 0;
    this.writing = this.written[pack] = this.writing.then(async () => {
      if (this.failure) return;
      try {
        await this.writePack(pack, bytes, objects);
      } catch (error) {
        this.failure = { error };
      }
    });
    if (this.unread[pack] === 0 || this.heldBytes > this.holdBytes) this.release(pack);
  }

  /**
   * Loading is done: writes the last pack and waits for every write; resolves with the locations, or throws the
   * first failure.
   */
  async done(): Promise<ObjectLocations> {
    this.closed = true;
    this.flush();
    this.arrivals.end();
    await this.writing;
    if (this.failure) throw this.failure.error;
    return this.at;
  }

  /** Loading failed: whatever waits for an object or a directory fails with it. */
  fail(error: unknown): void {
    this.closed = true;
    this.arrivals.fail(error);
  }

  /** An object's bytes; while loading goes on, once it has arrived or loading is done. */
  get(uri: string): Uint8Array | Promise<Uint8Array | undefined> | undefined {
    const waiting = this.arrivals.object(uri);
    if (waiting) return waiting.then(() => this.get(uri));
    const at = this.at.get(uri);
    return at && this.bytesAt(at);
  }

  ready(dir: string, manifest?: string): Promise<void> | undefined {
    return this.arrivals.directory(dir, manifest);
  }

  object(uri: string): Promise<void> | undefined {
    return this.arrivals.object(uri);
  }

  all(): Promise<void> {
    return this.arrivals.all();
  }

  /**
   * The files of a directory (with its trailing slash) by name, in the order they came so far, as views valid until
   * the current task ends.
   */
  directory(dir: string): Files | Promise<Files> {
    const files = this.dirs.get(dir) ?? [];
    this.handed.set(dir, files.length);
    return files.some(([, at]) => !this.held(at[0]))
      ? Promise.all(files.map(async ([name, at]) => [name, await this.bytesAt(at)] as [string, Uint8Array]))
      : files.map(([name, at]): [string, Uint8Array] => [name, this.held(at[0])!.subarray(at[1], at[2])]);
  }

  /**
   * A job is done with the files its directory last handed out: the packs whose objects have now all been used are
   * let go. (A job sent before its directory was complete may need them again, so handing out alone does not.)
   */
  finished(dir: string): void {
    const files = this.dirs.get(dir) ?? [];
    const from = this.usedUpTo.get(dir) ?? 0;
    const to = this.handed.get(dir) ?? 0;
    if (to <= from) return;
    this.usedUpTo.set(dir, to);
    for (let i = from; i < to; i++) {
      const pack = files[i][1][0];
      if (--this.unread[pack] === 0 && pack < this.packs.length) this.release(pack);
    }
  }

  /**
   * Lets go of a written pack. Its memory is freed at the next task where the host can (ArrayBuffer.prototype
   * .transfer, ES2024), not at the next full collection of this heap, which may come after hundreds of megabytes of
   * released packs: the views directory() handed out are valid until the current task ends.
   */
  private release(pack: number): void {
    const bytes = this.packs[pack];
    if (!bytes) return;
    this.packs[pack] = undefined;
    this.heldBytes -= bytes.byteLength;
    void this.written[pack].then(() => setTimeout(() => (bytes.buffer as { transfer?: (length: number) => ArrayBuffer }).transfer?.(0)));
  }

  /** A pack's bytes while held: the pack being filled, or a written one not let go. */
  private held(pack: number): Uint8Array | undefined {
    return pack === this.packs.length ? this.current : this.packs[pack];
  }

  private bytesAt([pack, start, end]: ObjectAt): Uint8Array | Promise<Uint8Array> {
    const bytes = this.held(pack);
    if (bytes) return bytes.subarray(start, end);
    let read = this.readBack.get(pack);
    if (read) this.readBack.delete(pack);
    else if (this.readBack.size === READ_BACK_PACKS) this.readBack.delete(this.readBack.keys().next().value!);
    // A pack may be let go while its write is still under way: it is read back once written.
    this.readBack.set(pack, (read ??= this.written[pack].then(() => this.readPack(pack))));
    return read.then((b) => b.subarray(start, end));
  }

  /** URIs of every object, once loading is done. */
  async *uris(): AsyncIterable<string> {
    await this.arrivals.all();
    yield* this.at.keys();
  }
}
