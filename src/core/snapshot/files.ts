/**
 * Browser files as SnapshotFiles: the File objects of an <input webkitdirectory> carry their path in
 * `webkitRelativePath`, whose first component is the chosen folder itself. Files of a dropped folder (from
 * FileSystemEntry) have none, and a File's own properties do not survive structured cloning: their paths come apart.
 */
import type { SnapshotFile } from './types.ts';

/** The part of the DOM File this module uses (Blob's reading methods, the name and the relative path). */
export interface FileLike {
  name: string;
  size: number;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  stream(): ReadableStream<Uint8Array>;
}

/** `given[i]`, when there, is where `list[i]` was, in `webkitRelativePath`'s form (a dropped folder's files). */
export function filesFromFileList(list: ArrayLike<FileLike>, given?: readonly string[]): SnapshotFile[] {
  const files = Array.from(list);
  const paths = files.map((f, i) => given?.[i] || f.webkitRelativePath || f.name);
  // Strip the dropped folder's own name when every file is under it.
  const top = paths[0]?.split('/')[0];
  const strip = files.length > 1 && top !== undefined && paths.every((p) => p.startsWith(`${top}/`));
  return files.map((f, i) => ({
    path: strip ? paths[i].slice(top!.length + 1) : paths[i],
    size: f.size,
    read: async () => new Uint8Array(await f.arrayBuffer()),
    stream: () => f.stream(),
  }));
}
