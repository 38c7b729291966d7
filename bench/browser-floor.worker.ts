/**
 * The browser floor's worker (bench/browser-floor.ts): what the platform alone costs for a repository, with none of
 * the app's code. As a reader, it fetches the archive, gunzips it with the platform's DecompressionStream and writes
 * its bytes to IndexedDB in packs of the app's size; as a crypto worker, it makes its share of the repository's
 * WebCrypto calls (imports, RSA verifications, SHA-256 digests) on real keys and signatures, many in flight.
 * Self-contained: the bench transpiles it and serves it as is.
 */
export type FloorJob =
  | { role: 'read'; url: string; packBytes: number }
  | { role: 'crypto'; calls: CryptoCalls; inFlight: number; signer: string; signed: Record<keyof Signed, string>[] };

export interface CryptoCalls {
  imports: number;
  verifications: number;
  digests: number;
}

/** A certificate's key, its signature by `signer` and the bytes signed (base64 in a job). */
export interface Signed {
  spki: Bytes;
  signature: Bytes;
  tbs: Bytes;
}

type Bytes = Uint8Array<ArrayBuffer>;

const bytes = (base64: string): Bytes => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

async function read(url: string, packBytes: number): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('browser-floor', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('packs');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const writes: Promise<void>[] = [];
  const write = (pack: Uint8Array) => {
    const tx = db.transaction('packs', 'readwrite');
    tx.objectStore('packs').put(pack, writes.length);
    writes.push(new Promise((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error)))));
  };
  const response = await fetch(url);
  let pack = new Uint8Array(packBytes);
  let filled = 0;
  let bytes = 0;
  for await (const chunk of response.body!.pipeThrough(new DecompressionStream('gzip'))) {
    bytes += chunk.length;
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(chunk.length - at, packBytes - filled);
      pack.set(chunk.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === packBytes) {
        write(pack);
        pack = new Uint8Array(packBytes);
        filled = 0;
      }
    }
  }
  if (filled) write(pack.subarray(0, filled));
  await Promise.all(writes);
  db.close();
  return bytes;
}

async function makeCalls(job: Extract<FloorJob, { role: 'crypto' }>): Promise<number> {
  const signer = await crypto.subtle.importKey('spki', bytes(job.signer), RSA, false, ['verify']);
  const signed: Signed[] = job.signed.map((s) => ({ spki: bytes(s.spki), signature: bytes(s.signature), tbs: bytes(s.tbs) }));
  const left = { ...job.calls };
  let failed = 0;
  let next = 0;
  // Each lane makes the kind of call most left to make, so the kinds mix as in a walk.
  const lane = async () => {
    for (;;) {
      const kind = (['imports', 'verifications', 'digests'] as const).reduce((a, b) => (left[b] > left[a] ? b : a));
      if (left[kind] === 0) return;
      left[kind]--;
      const s = signed[next++ % signed.length];
      if (kind === 'imports') await crypto.subtle.importKey('spki', s.spki, RSA, false, ['verify']);
      else if (kind === 'digests') await crypto.subtle.digest('SHA-256', s.tbs);
      else if (!(await crypto.subtle.verify(RSA, signer, s.signature, s.tbs))) failed++;
    }
  };
  await Promise.all(Array.from({ length: job.inFlight }, lane));
  if (failed) throw new Error(`${failed} signatures did not verify`);
  return job.calls.imports + job.calls.verifications + job.calls.digests;
}

onmessage = async ({ data }: MessageEvent<FloorJob>) => {
  try {
    postMessage({ done: data.role === 'read' ? await read(data.url, data.packBytes) : await makeCalls(data) });
  } catch (e) {
    postMessage({ error: String(e) });
  }
};
