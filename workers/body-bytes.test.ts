/** Load progress in bytes: a body's length only when its headers count the bytes read, never more read than the total. */
import { describe, expect, it } from 'vitest';
import { bodyBytes, counted } from './body-bytes.ts';

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
    const out = counted(body, 10, (read, total) => reports.push([read, total]));
    let bytes = 0;
    for await (const chunk of out as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    expect(bytes).toBe(15);
    expect(reports).toEqual([
      [4, 10],
      [10, 10],
      [15, 0],
    ]);
  });
});
