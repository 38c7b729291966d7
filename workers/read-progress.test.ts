/** Reading's progress in bytes: a body's length only when its headers count the bytes read; never more read than the total. */
import { describe, expect, it } from 'vitest';
import type { SnapshotFile } from '../src/core/snapshot/index.ts';
import { bodyBytes, counted, countedFiles } from './read-progress.ts';

const response = (headers: Record<string, string>) => new Response('x', { headers });

describe('bytes of a fetched body', () => {
  it('takes Content-Length when the body comes as sent', () => {
    expect(bodyBytes(response({ 'Content-Length': '49308' }))).toBe(49308);
    expect(bodyBytes(response({ 'Content-Length': '49308', 'Content-Encoding': 'identity' }))).toBe(49308);
    expect(bodyBytes(response({}))).toBe(0);
  });

  it('knows no total when the body is decoded from an encoding: Content-Length counts the encoded bytes', () => {
    expect(bodyBytes(response({ 'Content-Length': '1637209', 'Content-Encoding': 'gzip' }))).toBe(0);
    expect(bodyBytes(response({ 'Content-Length': '10', 'Content-Encoding': 'BR' }))).toBe(0);
  });

  it('reports the bytes read against the total, and no total once more were read than it said', async () => {
    const chunks = [new Uint8Array(4), new Uint8Array(6), new Uint8Array(5)];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });
    const reports: [number, number][] = [];
    const out = counted(body, 10, (read: number, total: number) => reports.push([read, total]));
    let bytes = 0;
    for await (const chunk of out as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    expect(bytes).toBe(15);
    expect(reports).toEqual([
      [4, 10],
      [10, 10],
      [15, 0],
    ]);
  });

  it("counts a folder's files, read whole or streamed, against the sum of their sizes", async () => {
    const file = (path: string, size: number): SnapshotFile => ({
      path,
      size,
      read: async () => new Uint8Array(size),
      stream: () => new Blob([new Uint8Array(size)]).stream(),
    });
    const reports: [number, number][] = [];
    const files = countedFiles([file('a/1.roa', 100), file('a/2.mft', 50), { ...file('a/3.crl', 30), stream: undefined }], (read, total) => reports.push([read, total]));
    expect(files.map((f) => [f.path, f.size])).toEqual([
      ['a/1.roa', 100],
      ['a/2.mft', 50],
      ['a/3.crl', 30],
    ]);
    expect(files[2].stream).toBeUndefined();
    expect((await files[0].read()).byteLength).toBe(100);
    expect((await new Response(files[1].stream!()).arrayBuffer()).byteLength).toBe(50);
    await files[2].read();
    expect(reports).toEqual([
      [100, 180],
      [150, 180],
      [180, 180],
    ]);
    await files[2].read(); // read again: more than the total, which is then unknown
    expect(reports.at(-1)).toEqual([210, 0]);
  });
});
