/**
 * Memory and speed of the streaming snapshot reader on a large archive (not a unit test: it takes minutes).
 *
 *   npx tsx scripts/snapshot-memory.ts [--size-mb 1024] [--file PATH] [--keep] [--limit-mb 256] [--web-gunzip]
 *
 * Writes a .tar.gz of at least --size-mb megabytes of random-content objects in rsync layout, streamed to disk (never
 * held in memory), then, in a fresh process so that the generator's memory does not count, streams it through
 * readSnapshot, hashing and discarding each entry, sampling the resident set size. Prints throughput and the peak
 * RSS, and fails if the peak exceeds --limit-mb.
 *
 * The bound, 256 MB for the default 1 GB archive of about 240,000 objects, is made of: ~100 MB for Node with the tsx
 * loader before anything is read; the one index the reader keeps, URI → fingerprint for duplicate detection, about
 * 220 bytes per object (~50 MB here); V8's young generation and stream buffers (under 1 MB of archive in flight).
 * Everything else is per object and released as the entry is passed on.
 *
 * Gzip goes through node:zlib as in the CLI; --web-gunzip uses the platform's DecompressionStream instead, whose
 * Node 20 implementation queues its output without bound when the reader is slower than zlib.
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createWriteStream, openAsBlob, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { createTarPacker } from 'modern-tar';
import { nodeGunzip } from '../src/cli/snapshot-input.ts';
import { readSnapshot } from '../src/core/snapshot/index.ts';

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '1024' },
    'limit-mb': { type: 'string', default: '256' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    read: { type: 'string' },
    'web-gunzip': { type: 'boolean', default: false },
    objects: { type: 'string' },
  },
});
const target = Number(values['size-mb']) * 1e6;
const limit = Number(values['limit-mb']) * 1e6;
const file = values.file ?? join(tmpdir(), `rpki-lens-snapshot-memory-${process.pid}.tar.gz`);
const mb = (n: number) => (n / 1e6).toFixed(1);

async function generate(): Promise<number> {
  const { readable, controller } = createTarPacker();
  const written = pipeline(Readable.fromWeb(readable as never), createGzip({ level: 1 }), createWriteStream(file));
  const buf = new Uint8Array(16384);
  let raw = 0;
  let n = 0;
  // Random content does not compress, so the archive is about as large as the objects.
  while (raw < target * 1.01) {
    const size = 512 + ((n * 7919) % 7680);
    randomFillSync(buf, 0, size);
    buf[0] = 0x30;
    const ca = n % 2000;
    const ext = ['roa', 'cer', 'mft', 'crl'][n % 4];
    const body = controller.add({ name: `rpki.example.net/repo/ca${ca}/${n}.${ext}`, size, type: 'file' });
    const w = body.getWriter();
    await w.write(buf.slice(0, size));
    await w.close();
    raw += size;
    n++;
  }
  controller.finalize();
  await written;
  return n;
}

/** The measuring half, run in its own process. */
async function read(path: string, generated: number): Promise<void> {
  let peak = process.memoryUsage().rss;
  const base = peak;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  let objects = 0;
  let bytes = 0;
  let check = 0;
  const findings: string[] = [];
  const t1 = performance.now();
  const reader = readSnapshot((await openAsBlob(path)).stream() as ReadableStream<Uint8Array>, 'memory.tar.gz', (f) => findings.push(f.code), {
    gunzip: values['web-gunzip'] ? undefined : nodeGunzip,
  });
  for await (const e of reader) {
    objects++;
    bytes += e.bytes.length;
    for (let i = 0; i < e.bytes.length; i += 64) check = (check * 31 + e.bytes[i]) | 0;
    if ((objects & 1023) === 0) sample();
  }
  clearInterval(timer);
  sample();
  const seconds = (performance.now() - t1) / 1000;
  console.log(`read ${objects} objects, ${mb(bytes)} MB of objects from ${mb(reader.summary.bytes)} MB of input in ${seconds.toFixed(1)} s (checksum ${check >>> 0})`);
  console.log(`throughput: ${mb(reader.summary.bytes / seconds)} MB/s compressed, ${mb(bytes / seconds)} MB/s of objects, ${Math.round(objects / seconds)} objects/s`);
  console.log(`RSS: ${mb(base)} MB at start, peak ${mb(peak)} MB, ${mb(peak - base)} MB more (bound ${mb(limit)} MB)`);
  if (findings.length) console.log(`findings: ${[...new Set(findings)].join(', ')}`);
  if (objects !== generated) {
    console.log(`FAIL: read ${objects} objects, generated ${generated}`);
    process.exitCode = 1;
  } else if (peak > limit) {
    console.log(`FAIL: peak RSS ${mb(peak)} MB exceeds ${mb(limit)} MB`);
    process.exitCode = 1;
  } else console.log('OK: peak RSS within the bound');
}

async function main(): Promise<void> {
  if (values.read) return read(values.read, Number(values.objects));
  const t0 = performance.now();
  const generated = await generate();
  const size = statSync(file).size;
  console.log(`generated ${file}: ${generated} objects, ${mb(size)} MB compressed, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...['--read', file, '--objects', String(generated), '--limit-mb', String(values['limit-mb'])],
      ...(values['web-gunzip'] ? ['--web-gunzip'] : []),
    ],
    { stdio: 'inherit' },
  );
  if (!values.keep && !values.file) unlinkSync(file);
  process.exitCode = child.status ?? 1;
}

await main();
