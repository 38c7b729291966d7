/** Reading's progress in bytes: how many a fetched body or a folder holds, counted as they are read. */
import type { SnapshotFile } from '../src/core/snapshot/index.ts';

/** Told the bytes read so far and the total (0 when unknown). */
export type ReportBytes = (read: number, total: number) => void;

/**
 * The bytes a response's body gives when read, if its headers tell (0 when they do not). A Content-Length counts the
 * bytes as sent: with a Content-Encoding (a host serving `snapshot.xml.gz` as gzip-encoded XML, say), the browser
 * decodes them and the body gives more.
 */
export function bodyBytes(res: Response): number {
  const encoding = res.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return 0;
  return Number(res.headers.get('content-length')) || 0;
}

/**
 * Adds bytes read and tells `report`; once more than `total` were read (an encoding the headers did not show, as a
 * cross-origin response's Content-Encoding; a file read twice), with no total.
 */
function byteCounter(total: number, report: ReportBytes): (bytes: number) => void {
  let read = 0;
  return (bytes) => {
    read += bytes;
    report(read, read > total ? 0 : total);
  };
}

/** The stream, its bytes counted as they pass. */
function countedStream(body: ReadableStream<Uint8Array>, count: (bytes: number) => void): ReadableStream<Uint8Array> {
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        count(chunk.byteLength);
        out.enqueue(chunk);
      },
    }),
  );
}

/** A body of `total` bytes (0: unknown), reporting as it is read. */
export function counted(body: ReadableStream<Uint8Array>, total: number, report: ReportBytes): ReadableStream<Uint8Array> {
  return countedStream(body, byteCounter(total, report));
}

/** A folder's files, reporting the bytes read of all of them against their sizes' sum. */
export function countedFiles(files: readonly SnapshotFile[], report: ReportBytes): SnapshotFile[] {
  const count = byteCounter(files.reduce((n, f) => n + f.size, 0), report);
  return files.map((f) => ({
    ...f,
    read: async () => {
      const bytes = await f.read();
      count(bytes.byteLength);
      return bytes;
    },
    stream: f.stream && (() => countedStream(f.stream!(), count)),
  }));
}
