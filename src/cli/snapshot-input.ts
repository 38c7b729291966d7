/**
 * Node's side of the snapshot readers: a path becomes either a byte stream (a file: archive, RRDP file, object) or
 * the list of files of a folder, with symbolic links flagged rather than followed.
 */
import { createReadStream, openAsBlob } from 'node:fs';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { SnapshotFile, SnapshotInput } from '../core/snapshot/index.ts';

export async function snapshotInput(path: string): Promise<{ input: SnapshotInput; name: string }> {
  const st = await lstat(path);
  if (st.isDirectory()) return { input: await listFiles(path), name: basename(path) || path };
  return { input: (await openAsBlob(path)).stream() as ReadableStream<Uint8Array>, name: basename(path) };
}

/**
 * Gzip through node:zlib. Node 20's DecompressionStream queues all of its output when the consumer is slower than
 * zlib (a 100 MB archive held 85 MB of live buffers); zlib's own stream stops at its high-water mark.
 */
export function nodeGunzip(s: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.fromWeb(s as never).pipe(createGunzip())) as ReadableStream<Uint8Array>;
}

/** Every file below `dir`, paths relative to it with "/" separators. */
export async function listFiles(dir: string): Promise<SnapshotFile[]> {
  const out: SnapshotFile[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    const entries = await readdir(abs, { withFileTypes: true });
    const subdirs: Promise<void>[] = [];
    const files = entries.map(async (e) => {
      const full = join(abs, e.name);
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) subdirs.push(walk(full, path));
      else if (e.isSymbolicLink()) {
        const linkTarget = await readlink(full).catch(() => '?');
        out.push({ path, size: 0, symlink: true, linkTarget, read: async () => new Uint8Array() });
      }
      else if (e.isFile()) {
        const { size } = await lstat(full);
        out.push({
          path,
          size,
          read: async () => new Uint8Array(await readFile(full)),
          stream: () => Readable.toWeb(createReadStream(full)) as ReadableStream<Uint8Array>,
        });
      }
    });
    await Promise.all(files);
    await Promise.all(subdirs);
  };
  await walk(dir, '');
  return out;
}
