/** Load progress in bytes: how many a fetched body holds, and counting them as they are read. */

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
 * The stream, telling `report` the bytes read so far and the total; once more than `total` were read (an encoding
 * the headers did not show, as a cross-origin response's Content-Encoding), with no total.
 */
export function counted(body: ReadableStream<Uint8Array>, total: number, report: (read: number, total: number) => void): ReadableStream<Uint8Array> {
  let read = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        read += chunk.byteLength;
        report(read, read > total ? 0 : total);
        out.enqueue(chunk);
      },
    }),
  );
}
