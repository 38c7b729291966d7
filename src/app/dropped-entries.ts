/**
 * A folder dropped on the page: DataTransferItem.webkitGetAsEntry() gives FileSystemEntry trees, walked here into
 * Files and their paths relative to the drop (the folder's name first, as `webkitRelativePath` gives with
 * <input webkitdirectory>). Only the entry shapes this module uses are named, so fakes will do in tests.
 */
import { formatCount } from './format.ts';

/** Files and folders one drop may hold: hostile or mistaken drops (a home folder, a symlink loop) stop here. */
export const MAX_DROPPED_ENTRIES = 1_000_000;
/** Folders nested deeper than this are refused: an rsync tree is a dozen deep, a symlink loop is endless. */
export const MAX_DROPPED_DEPTH = 64;

export interface EntryLike {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}
export interface FileEntryLike extends EntryLike {
  file(ok: (file: File) => void, fail: (err: DOMException) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): DirectoryReaderLike;
}
export interface DirectoryReaderLike {
  /** The next batch of children (Chromium gives at most 100), an empty one once all were given. */
  readEntries(ok: (entries: EntryLike[]) => void, fail: (err: DOMException) => void): void;
}

/** `paths[i]` is where `files[i]` was, "/"-separated, starting with the dropped item's name. */
export interface DroppedFiles {
  files: File[];
  paths: string[];
}

/** Walks the dropped entries depth first; throws an Error saying which entry failed, or which limit was passed. */
export async function walkEntries(roots: readonly EntryLike[], maxEntries = MAX_DROPPED_ENTRIES): Promise<DroppedFiles> {
  const out: DroppedFiles = { files: [], paths: [] };
  let seen = roots.length;
  const count = (n: number) => {
    seen += n;
    if (seen > maxEntries) throw new Error(`The drop holds more than ${formatCount(maxEntries)} files and folders; this is more than any RPKI repository.`);
  };
  count(0);

  async function walk(entries: readonly EntryLike[], parent: string, depth: number): Promise<void> {
    const path = (e: EntryLike) => (parent ? `${parent}/${e.name}` : e.name);
    const files = entries.filter((e) => e.isFile) as FileEntryLike[];
    out.files.push(...(await Promise.all(files.map((e) => fileOf(e, path(e))))));
    out.paths.push(...files.map(path));
    for (const dir of entries.filter((e) => e.isDirectory) as DirectoryEntryLike[]) {
      if (depth >= MAX_DROPPED_DEPTH) throw new Error(`${path(dir)} is nested more than ${MAX_DROPPED_DEPTH} folders deep.`);
      await walk(await children(dir, path(dir), count), path(dir), depth + 1);
    }
  }
  await walk(roots, '', 0);
  return out;
}

/** All of a folder's children: readEntries gives them in batches, so it is called until a batch is empty. */
async function children(dir: DirectoryEntryLike, path: string, count: (n: number) => void): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail)).catch((err: unknown) => {
      throw new Error(`The folder ${path} could not be read: ${reason(err)}`);
    });
    if (!batch.length) return all;
    count(batch.length);
    all.push(...batch);
  }
}

function fileOf(entry: FileEntryLike, path: string): Promise<File> {
  return new Promise<File>((ok, fail) => entry.file(ok, fail)).catch((err: unknown) => {
    throw new Error(`The file ${path} could not be read: ${reason(err)}`);
  });
}

function reason(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
