/**
 * Objects arriving while a snapshot is read, for a walk that starts before reading ends. The reader keeps the first
 * copy of a URI (./tree.ts, ./reader.ts), so an object that has arrived is final; a directory is not, as more of its
 * files may come. A directory is taken to be complete once its manifest has arrived and the reader has gone on to
 * another directory (archives and folders keep a directory's files together), or once reading is done. The guess
 * may be wrong: a publication point sent early that lacks files its manifest lists runs once they arrive, and one
 * that still missed a file runs again once reading is done (../validate/job.ts runArriving), so the walk's output
 * never depends on the order of the input.
 */
import { dirOf } from '../validate/source.ts';

interface DirectoryWaiter {
  manifest?: string;
  resolve: () => void;
}

export class Arrivals {
  /** The directory of the object that arrived last. */
  private current?: string;
  private ended = false;
  private failure?: { error: unknown };
  private readonly forUri = new Map<string, (() => void)[]>();
  private readonly forDirectory = new Map<string, DirectoryWaiter[]>();
  private readonly waiters = new Set<(error: unknown) => void>();
  private readonly ending: Promise<void>;
  private endIt!: () => void;
  private failIt!: (error: unknown) => void;

  constructor(private readonly has: (uri: string) => boolean) {
    this.ending = new Promise<void>((resolve, reject) => {
      this.endIt = resolve;
      this.failIt = reject;
    });
    this.ending.catch(() => {}); // seen by whoever waits
  }

  /** Whether every object has arrived. */
  get complete(): boolean {
    return this.ended;
  }

  /** Tells that an object was stored (in `dir`, its directory). */
  arrived(uri: string, dir = dirOf(uri)): void {
    if (dir !== this.current) {
      const left = this.current;
      this.current = dir;
      if (left !== undefined) this.left(left);
    }
    const waiting = this.forUri.get(uri);
    if (waiting) {
      this.forUri.delete(uri);
      for (const resolve of waiting) resolve();
    }
  }

  /** Resolves once every object has arrived; rejects if reading failed. */
  all(): Promise<void> {
    return this.ending;
  }

  /** Undefined when the object is there or reading is done; else resolves once one of them is so. */
  object(uri: string): Promise<void> | undefined {
    if (this.ended || this.has(uri)) return undefined;
    return this.wait((resolve) => {
      let list = this.forUri.get(uri);
      if (!list) this.forUri.set(uri, (list = []));
      list.push(resolve);
    });
  }

  /** Undefined when the directory looks complete (see above) or reading is done; else resolves once it does. */
  directory(dir: string, manifest?: string): Promise<void> | undefined {
    if (this.ended || this.looksComplete(dir, manifest)) return undefined;
    return this.wait((resolve) => {
      let list = this.forDirectory.get(dir);
      if (!list) this.forDirectory.set(dir, (list = []));
      list.push({ manifest, resolve });
    });
  }

  /** Reading is done: everything waited for is as complete as it will be. */
  end(): void {
    if (this.ended || this.failure) return;
    this.ended = true;
    this.endIt();
    for (const list of this.forUri.values()) for (const resolve of list) resolve();
    for (const list of this.forDirectory.values()) for (const w of list) w.resolve();
    this.forUri.clear();
    this.forDirectory.clear();
  }

  /** Reading failed: whatever waits fails with it. */
  fail(error: unknown): void {
    if (this.ended || this.failure) return;
    this.failure = { error };
    this.failIt(error);
    for (const reject of this.waiters) reject(error);
    this.waiters.clear();
  }

  private wait(register: (resolve: () => void) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise<void>((resolve, reject) => {
      this.waiters.add(reject);
      register(() => {
        this.waiters.delete(reject);
        resolve();
      });
    });
  }

  private looksComplete(dir: string, manifest: string | undefined): boolean {
    return manifest !== undefined && dir !== this.current && this.has(manifest);
  }

  /** The reader went on from `dir`: its waiters whose manifest came are let through. */
  private left(dir: string): void {
    const list = this.forDirectory.get(dir);
    if (!list) return;
    const still = list.filter((w) => {
      if (!this.looksComplete(dir, w.manifest)) return true;
      w.resolve();
      return false;
    });
    if (still.length) this.forDirectory.set(dir, still);
    else this.forDirectory.delete(dir);
  }
}
