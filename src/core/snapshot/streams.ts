/** Small helpers over web streams, shared by the readers. Nothing here buffers more than it is asked to. */

export type ByteStream = ReadableStream<Uint8Array>;

export function streamOf(bytes: Uint8Array): ByteStream {
  return new ReadableStream({
    start(c) {
      if (bytes.length) c.enqueue(bytes);
      c.close();
    },
  });
}

export function concat(chunks: readonly Uint8Array[], total?: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total ?? chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * The first `n` bytes of a stream (fewer if it is shorter), and a stream that still yields everything from the
 * start. `onBytes` sees every chunk read from the original stream, for byte counts.
 */
export async function peek(stream: ByteStream, n: number, onBytes?: (n: number) => void): Promise<{ head: Uint8Array; stream: ByteStream }> {
  const reader = stream.getReader();
  const held: Uint8Array[] = [];
  let total = 0;
  let done = false;
  while (total < n) {
    const r = await reader.read();
    if (r.done) {
      done = true;
      break;
    }
    onBytes?.(r.value.length);
    held.push(r.value);
    total += r.value.length;
  }
  const all = concat(held, total);
  const rest: Uint8Array[] = all.length ? [all] : [];
  const out: ByteStream = new ReadableStream({
    async pull(c) {
      const next = rest.shift();
      if (next) return c.enqueue(next);
      if (done) return c.close();
      const r = await reader.read();
      if (r.done) {
        done = true;
        c.close();
      } else {
        onBytes?.(r.value.length);
        c.enqueue(r.value);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head: all.subarray(0, Math.min(n, all.length)), stream: out };
}

/** RFC 1952 decompression with the platform's DecompressionStream (Node 18+, every current browser). */
export function gunzip(stream: ByteStream): ByteStream {
  return (stream as ReadableStream<Uint8Array<ArrayBuffer>>).pipeThrough(new DecompressionStream('gzip')) as ByteStream;
}

/** Tells a gzip stream that stopped early from one that is damaged, by the platform's error text (zlib's in Node). */
export function gzipFailure(e: unknown): { code: 'snapshot.gzip.truncated' | 'snapshot.gzip.corrupt'; reason: string } {
  const reason = e instanceof Error ? e.message : String(e);
  const truncated = /unexpected end|truncat|incomplete|Z_BUF_ERROR/i.test(`${reason} ${(e as { code?: string })?.code ?? ''}`);
  return { code: truncated ? 'snapshot.gzip.truncated' : 'snapshot.gzip.corrupt', reason };
}

/**
 * Reads a stream whose length is announced, up to `size` bytes into one buffer. Returns the bytes and whether the
 * stream ended early (the bytes are then a prefix).
 */
export async function readExactly(stream: ByteStream, size: number): Promise<{ bytes: Uint8Array; short: boolean }> {
  const out = new Uint8Array(size);
  let o = 0;
  const reader = stream.getReader();
  try {
    while (true) {
      const r = await reader.read();
      if (r.done) break;
      const take = Math.min(r.value.length, size - o);
      out.set(r.value.subarray(0, take), o);
      o += take;
    }
  } finally {
    reader.releaseLock();
  }
  return { bytes: o === size ? out : out.subarray(0, o), short: o < size };
}

/**
 * A 30-bit fingerprint (an FNV-1a-style hash mixed with the length) to tell two copies of an object apart without
 * keeping either. Not cryptographic: it only decides whether a second copy is reported as different. It fits a small
 * integer, so an index of a million URIs holds no boxed numbers. Aligned buffers (every object the readers build)
 * are hashed a 32-bit word at a time.
 */
export function fingerprint(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  let i = 0;
  if ((bytes.byteOffset & 3) === 0) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
    for (; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
    i <<= 2;
  }
  for (; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (Math.imul(h ^ bytes.length, 0x01000193) >>> 2) & 0x3fffffff;
}

