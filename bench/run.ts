/**
 * Validation speed against rpki-client 8.2 on the same data. Usage:
 *   npm run bench [-- --sizes 10k,50k,200k] [--repeat 3] [--tools cli,chromium,rpki-client,browser-floor] [--workers N]
 * (--workers: publication-point workers for the CLI and the app; one per core by default)
 *
 * For each size it builds (once; cached in .cache/bench/<size>/) a repository of about that many objects with the
 * repository builder and a disk-cached key pool, written in rsync layout (repo/), as a .tgz, and as rpki-client's
 * cache. Then, alternating the tools within each round, it times:
 *   cli          node bin/rpki-lens.mjs validate --repo … (worker_threads, one per core unless --workers)
 *   chromium     the built app in Debian's headless Chromium over `vite preview`, with a fresh profile on disk: the deep link
 *                #/open?snapshot=<tgz>&tal=<tal>&at=<time>[&workers=N] (the archive from a plain static server),
 *                from navigation to body[data-run-state=done]
 *                (loading the archive, validating in Web Workers, storing everything in IndexedDB)
 *   rpki-client  Debian's rpki-client 8.2, offline under faketime, as src/testing/rpki-client.ts runs it
 *   browser-floor  the platform alone in the same Chromium (bench/browser-floor.ts): fetching, gunzipping and
 *                storing the archive, and the repository's WebCrypto calls, with none of the app's code
 * and prints, per tool and size, the median wall time, the CPU time (user + system, all processes), the peak of the
 * summed RSS of the tool's process tree (sampled from /proc every 250 ms) and of its PSS (every second) (shared pages split between
 * the processes sharing them: Chromium's processes share most of their code), the ratio to rpki-client, and the crypto
 * floor: RSA verifications the repository needs (bench/browser-floor.ts cryptoCalls) × one verification's cost on
 * this machine (node:crypto, the least of ten batches, measured before every round; the least of those) ÷ cores,
 * and the ratios of the wall time to that floor and to the browser floor's. For Chromium it also prints
 * (bench/page-figures.ts) the main thread's long tasks (over 50 ms) during the run, and, after it, the time to open
 * the stored snapshot again: reloading its overview until the VRP count shows, then its trust tree until the first
 * row shows.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { packTar } from 'modern-tar';
import type { BrowserContext, Page } from 'playwright-core';
import { nodeCrypto } from '../src/cli/node-crypto.ts';
import { buildRepository, type RepositorySpec } from '../src/core/builder/repository.ts';
import { WEAK_KEY_POOL } from '../src/core/builder/weak-key-pool.ts';
import { decodeCert, type ResourceCert } from '../src/core/objects/cert.ts';
import { cachedKeyPool } from '../src/testing/key-pool.ts';
import { PACK_BYTES } from '../src/storage/packs.ts';
import { cryptoCalls, floorJobs, floorWorkerScript, runFloor } from './browser-floor.ts';
import type { CryptoCalls } from './browser-floor.worker.ts';
import { timeReopen, watchLongTasks, type LongTasks, type Reopen } from './page-figures.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache/bench');
const BUILD_TIME = Date.parse('2026-11-20T00:00:00Z') / 1000;
const AT = BUILD_TIME + 4 * 86400;
const CHROMIUM = '/usr/bin/chromium';
const PORT = 4380;
const ARCHIVE_PORT = 4381;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const RPKI_CLIENT_USER = '_rpki-client';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10k,50k,200k' },
    repeat: { type: 'string', default: '3' },
    tools: { type: 'string', default: 'cli,chromium,rpki-client,browser-floor' },
    workers: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map((s) => Math.round(Number(s.replace(/k$/i, '')) * (/k$/i.test(s) ? 1000 : 1)));
const repeat = Number(values.repeat);
const tools = values.tools.split(',') as Tool[];
type Tool = 'cli' | 'chromium' | 'rpki-client' | 'browser-floor';

interface Sample {
  wall: number;
  cpu: number;
  rss: number;
  /** Peak proportional set size: shared pages split between the processes that share them, so counted once. */
  pss: number;
  /** Chromium only. */
  page?: { longTasks: LongTasks; reopen: Reopen; phases: string };
}

/** A repository of about `n` objects: each member CA publishes 18 ROAs, its manifest and CRL, and is one .cer. */
function specFor(n: number): RepositorySpec {
  const total = Math.max(1, Math.round(n / 21));
  const intermediates = Math.max(2, Math.round(Math.sqrt(total) / 5));
  return { seed: `bench-${n}`, intermediates, members: Math.max(1, Math.round(total / intermediates)), roas: 18, aspas: Math.round(total / 20) };
}

function label(n: number): string {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** Builds (or finds) the repository for a size. */
async function prepare(n: number): Promise<{ dir: string; objects: number; tal: string }> {
  const dir = join(CACHE, label(n));
  const doneFile = join(dir, 'done.json');
  if (existsSync(doneFile)) return { dir, ...JSON.parse(readFileSync(doneFile, 'utf8')) };
  const spec = specFor(n);
  const want = 1 + spec.intermediates * (1 + spec.members * (2 + spec.roas)) + (spec.aspas ?? 0);
  log(`${label(n)}: a key pool for ${want} keys (generated once, in ${join(CACHE, 'keys.json')})`);
  // The bundled pool's primes to start from, the first time.
  if (!existsSync(join(CACHE, 'keys.json'))) writeFileSync(join(CACHE, 'keys.json'), JSON.stringify(WEAK_KEY_POOL));
  const keys = await cachedKeyPool(join(CACHE, 'keys.json'), { keys: want, ecKeys: 1 });
  log(`${label(n)}: building (${spec.intermediates} intermediates × ${spec.members} members × ${spec.roas} ROAs)…`);
  const t0 = performance.now();
  const ticker = setInterval(() => log(`  … ${((performance.now() - t0) / 1000).toFixed(0)} s`), 15000);
  const repo = await buildRepository(spec, { time: BUILD_TIME, keys }).finally(() => clearInterval(ticker));
  log(`${label(n)}: ${repo.objects.size} objects built in ${((performance.now() - t0) / 1000).toFixed(0)} s; writing`);
  rmSync(dir, { recursive: true, force: true });
  const entries: { header: { name: string; size: number }; body: Uint8Array }[] = [];
  for (const [uri, bytes] of repo.objects) {
    const rel = uri.slice('rsync://'.length);
    for (const root of ['repo', 'rpki-client/cache']) {
      mkdirSync(dirname(join(dir, root, rel)), { recursive: true });
      writeFileSync(join(dir, root, rel), bytes);
    }
    entries.push({ header: { name: rel, size: bytes.length }, body: bytes });
  }
  const taUri = repo.tal.uris[0];
  mkdirSync(join(dir, 'rpki-client/cache/ta', repo.tal.name), { recursive: true });
  cpSync(join(dir, 'repo', taUri.slice('rsync://'.length)), join(dir, 'rpki-client/cache/ta', repo.tal.name, taUri.slice(taUri.lastIndexOf('/') + 1)));
  writeFileSync(join(dir, `${repo.tal.name}.tal`), repo.tal.text);
  writeFileSync(join(dir, 'snapshot.tgz'), gzipSync(await packTar(entries)));
  const info = { objects: repo.objects.size, tal: `${repo.tal.name}.tal` };
  writeFileSync(doneFile, JSON.stringify(info));
  return { dir, ...info };
}

/** The trust anchor's certificate and the certificates it issued: real RSA-2048 keys, signatures and signed bytes. */
function trustAnchorAndIssued(dir: string, tal: string): { ta: ResourceCert; issued: ResourceCert[] } {
  const taUri = readFileSync(join(dir, tal), 'utf8').split('\n').find((l) => l.startsWith('rsync://'))!.trim();
  const taPath = join(dir, 'repo', taUri.slice('rsync://'.length));
  const ta = decodeCert(new Uint8Array(readFileSync(taPath))).value!;
  const taDir = dirname(taPath);
  const issued = readdirSync(taDir)
    .filter((f) => f.endsWith('.cer') && join(taDir, f) !== taPath)
    .map((f) => decodeCert(new Uint8Array(readFileSync(join(taDir, f)))).value!);
  return { ta, issued };
}

/**
 * Microseconds per RSA-2048 verification with node:crypto on this machine: the certificates the trust anchor
 * issued, verified with its key.
 */
async function verifyMicros(dir: string, tal: string): Promise<number> {
  const crypto = nodeCrypto();
  const { ta, issued } = trustAnchorAndIssued(dir, tal);
  const key = await crypto.importKey(ta.spki, ta.publicKey);
  const batch = async (n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const c = issued[i % issued.length];
      if (!(await crypto.verify(key, c.signature, c.tbs))) throw new Error('a signature of the benchmark repository does not verify');
    }
    return ((performance.now() - t0) * 1000) / n;
  };
  await batch(200); // warm up
  // The least of ten batches: a floor is the machine's own cost, not the cost while something else runs on it.
  let least = Infinity;
  for (let i = 0; i < 10; i++) least = Math.min(least, await batch(500));
  return least;
}

/** Summed RSS (bytes) and CPU (s) of a process and its descendants, from /proc. */
function treeUsage(root: number, match?: (cmd: string) => boolean, withPss = false): { rss: number; pss: number; cpu: number } {
  const parent = new Map<number, number>();
  const stat = new Map<number, string[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const s = readFileSync(`/proc/${e}/stat`, 'utf8');
      const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(e), Number(fields[1]));
      stat.set(Number(e), fields);
    } catch {
      // gone
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === root) return true;
    return false;
  };
  const tick = 100;
  let rss = 0;
  let pss = 0;
  let cpu = 0;
  for (const [pid, f] of stat) {
    if (!inTree(pid)) continue;
    if (match) {
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!match(cmd)) continue;
    }
    rss += Number(f[21]) * 4096;
    if (withPss) pss += pssOf(pid);
    cpu += (Number(f[11]) + Number(f[12])) / tick;
  }
  return { rss, pss, cpu };
}

/** Samples the peak tree RSS and PSS until stopped. */
/** A process's proportional set size in bytes (0 when it is gone or unreadable). */
function pssOf(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function peakSampler(root: () => number | undefined, match?: (cmd: string) => boolean): { stop(): { rss: number; pss: number; cpu: number } } {
  let peak = 0;
  let peakPss = 0;
  let cpu = 0;
  let n = 0;
  // Reading /proc costs the kernel time the measured tool then lacks (smaps_rollup walks page tables): sample
  // every 250 ms, PSS every second.
  const timer = setInterval(() => {
    const r = root();
    if (!r) return;
    const u = treeUsage(r, match, n++ % 4 === 0);
    peak = Math.max(peak, u.rss);
    peakPss = Math.max(peakPss, u.pss);
    cpu = Math.max(cpu, u.cpu);
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      return { rss: peak, pss: peakPss, cpu };
    },
  };
}

/** Runs a command, timing it; CPU from /usr/bin/time (all waited-for descendants), peak RSS from /proc. */
async function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Sample> {
  const t0 = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'BENCHTIME %U %S', cmd, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const sampler = peakSampler(() => child.pid);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const wall = (performance.now() - t0) / 1000;
  const { rss, pss } = sampler.stop();
  const m = /BENCHTIME ([\d.]+) ([\d.]+)/.exec(err);
  if (code !== 0 || !m) throw new Error(`${cmd} failed (${code}): ${err.slice(-2000)}`);
  return { wall, cpu: Number(m[1]) + Number(m[2]), rss, pss };
}

function runCli(dir: string, tal: string): Promise<Sample> {
  const args = [join(ROOT, 'bin/rpki-lens.mjs'), 'validate', '--repo', join(dir, 'repo'), '--tal', join(dir, tal), '--at', String(AT), '--output', '/dev/null'];
  if (values.workers) args.push('--workers', values.workers);
  return timed(process.execPath, args);
}

function runRpkiClient(dir: string, tal: string): Promise<Sample> {
  const cache = join(dir, 'rpki-client/cache');
  const out = join(dir, 'rpki-client/out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', `${RPKI_CLIENT_USER}:${RPKI_CLIENT_USER}`, join(dir, 'rpki-client')]);
  return timed('faketime', [`@${AT}`, 'rpki-client', '-R', '-e', '/bin/true', '-s', '0', '-c', '-d', cache, '-t', join(dir, tal), out], { ...process.env, TZ: 'UTC' });
}

let preview: ChildProcess | undefined;
let archives: Server | undefined;

/**
 * Serves each size's archive at /<size>.tgz as a static host would: its bytes as they are, with their length. Not
 * through vite preview, which gzips a type it does not know (a .tgz goes as text/plain) again on the fly, 6–8 s of
 * server CPU at 200k taken from the app on two cores, and marks a .tar.gz as gzip-encoded, so that the browser's
 * network process would unpack it instead of the app. Also serves the browser floor's empty page and its worker.
 */
async function serveArchives(sizeDirs: string[]): Promise<void> {
  const files = new Map(sizeDirs.map((d) => [`/${d.slice(d.lastIndexOf('/') + 1)}.tgz`, join(d, 'snapshot.tgz')]));
  const floorWorker = tools.includes('browser-floor') ? floorWorkerScript() : '';
  archives = createServer((req, res) => {
    if (req.url === '/floor') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>browser floor</title>');
    if (req.url === '/floor.worker.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(floorWorker);
    const file = files.get(req.url ?? '');
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': statSync(file).size, 'Access-Control-Allow-Origin': '*' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => archives!.listen(ARCHIVE_PORT, 'localhost', resolve));
}

async function startPreview(sizeDirs: string[]): Promise<void> {
  const dist = join(CACHE, 'dist');
  log('building the app (vite build)…');
  execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], { cwd: ROOT, stdio: 'ignore' });
  mkdirSync(join(dist, 'bench'), { recursive: true });
  for (const d of sizeDirs) {
    const name = d.slice(d.lastIndexOf('/') + 1);
    for (const f of readdirSync(d)) if (f.endsWith('.tal')) cpSync(join(d, f), join(dist, 'bench', `${name}-${f}`));
  }
  preview = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://localhost:${PORT}/`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/**
 * Runs `use` in Debian's headless Chromium with a fresh profile on disk, as a user's browser has (a private context
 * keeps all of IndexedDB in the browser process's memory: the stored 200k snapshot grew it by about 225 MB).
 * `measure` times what it is given, with the CPU and peak memory of Chromium's processes meanwhile.
 */
async function inChromium<T>(use: (page: Page, measure: (run: () => Promise<void>) => Promise<Sample>) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'rpki-lens-bench-'));
  let browser: BrowserContext | undefined;
  const isChromium = (cmd: string) => cmd.includes('chromium');
  try {
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = browser.pages()[0] ?? (await browser.newPage()); // the window the profile opened with
    return await use(page, async (run) => {
      const before = treeUsage(process.pid, isChromium);
      const sampler = peakSampler(() => process.pid, isChromium);
      const t0 = performance.now();
      await run();
      const wall = (performance.now() - t0) / 1000;
      const { rss, pss } = sampler.stop();
      return { wall, cpu: treeUsage(process.pid, isChromium).cpu - before.cpu, rss, pss };
    });
  } finally {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function runChromium(name: string, tal: string): Promise<Sample> {
  return inChromium(async (page, measure) => {
    const longTasks = await watchLongTasks(page);
    const base = `http://localhost:${PORT}`;
    const link = `${base}/#/open?snapshot=${encodeURIComponent(`http://localhost:${ARCHIVE_PORT}/${name}.tgz`)}&tal=${encodeURIComponent(`${base}/bench/${name}-${tal}`)}&at=${AT}${values.workers ? `&workers=${values.workers}` : ''}`;
    const usage = await measure(async () => {
      await page.goto(link);
      await page.waitForFunction(() => ['done', 'failed', 'cancelled'].includes(document.body.dataset.runState ?? ''), null, { timeout: 30 * 60_000, polling: 50 });
    });
    const state = await page.evaluate(() => document.body.dataset.runState);
    if (state !== 'done') throw new Error(`the app ended ${state}: ${(await page.evaluate(() => document.body.innerText)).slice(0, 500)}`);
    await page.getByTestId('vrp-count').waitFor();
    const phases = (await page.evaluate(() => document.body.dataset.runPhases)) ?? '';
    return { ...usage, page: { longTasks: await longTasks(), reopen: await timeReopen(page), phases } };
  });
}

/** The browser floor (bench/browser-floor.ts) of a size's repository, with the workers the app would use. */
function runBrowserFloor(name: string, dir: string, tal: string, calls: CryptoCalls): Promise<Sample> {
  const { ta, issued } = trustAnchorAndIssued(dir, tal);
  const signed = issued.map((c) => ({ spki: c.spki, signature: c.signature, tbs: c.tbs }));
  const jobs = floorJobs(`http://localhost:${ARCHIVE_PORT}/${name}.tgz`, PACK_BYTES, calls, Number(values.workers ?? availableParallelism()), ta.spki, signed);
  return inChromium(async (page, measure) => {
    await page.goto(`http://localhost:${ARCHIVE_PORT}/floor`);
    return measure(() => runFloor(page, jobs));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const cores = availableParallelism();
  const prepared = [];
  for (const n of sizes) prepared.push({ n, ...(await prepare(n)) });
  if (tools.includes('rpki-client') && spawnSync('sh', ['-c', 'command -v rpki-client && command -v faketime'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('rpki-client or faketime is missing: apt-get install rpki-client faketime');
  }
  if (tools.includes('chromium') || tools.includes('browser-floor')) await serveArchives(prepared.map((p) => p.dir));
  if (tools.includes('chromium')) await startPreview(prepared.map((p) => p.dir));
  // One verification's cost, measured before every round: the floor takes the least, the machine's own cost.
  let micros = Infinity;
  // Rows without their last three columns, which wait for the least verification cost of all rounds.
  const pending: { row: string[]; verifications: number; wall: number; browserFloor?: number }[] = [];

  const rows: string[][] = [['size', 'objects', 'tool', 'wall s (median)', 'objects/s', 'CPU s', 'peak RSS MB', 'peak PSS MB', '× rpki-client', 'crypto floor s', '× crypto floor', '× browser floor']];
  const pageRows: string[][] = [['size', 'objects', 'long tasks', 'longest ms', 'long total ms', 'reopen overview s', 'open tree s']];
  for (const p of prepared) {
    const tal = p.tal;
    const samples = new Map<Tool, Sample[]>(tools.map((t) => [t, []]));
    const calls = cryptoCalls(readdirSync(join(p.dir, 'repo'), { recursive: true, encoding: 'utf8' }));
    for (let r = 0; r < repeat; r++) {
      // Alternate the order each round, so that no tool always runs after the same one.
      const order = r % 2 ? [...tools].reverse() : tools;
      const m = await verifyMicros(p.dir, tal);
      micros = Math.min(micros, m);
      log(`${label(p.n)} round ${r + 1}: one RSA-2048 verification (node:crypto) ${m.toFixed(1)} µs`);
      for (const t of order) {
        const s =
          t === 'cli'
            ? await runCli(p.dir, tal)
            : t === 'rpki-client'
              ? await runRpkiClient(p.dir, tal)
              : t === 'chromium'
                ? await runChromium(label(p.n), tal)
                : await runBrowserFloor(label(p.n), p.dir, tal, calls);
        const pageFigures = s.page
          ? `; ${s.page.phases}; long tasks: ${s.page.longTasks.count}, longest ${s.page.longTasks.max.toFixed(0)} ms; reopen ${s.page.reopen.overview.toFixed(2)} s, tree ${s.page.reopen.tree.toFixed(2)} s`
          : '';
        log(`${label(p.n)} round ${r + 1} ${t}: ${s.wall.toFixed(2)} s wall, ${s.cpu.toFixed(2)} s CPU, ${(s.rss / 1e6).toFixed(0)} MB RSS, ${(s.pss / 1e6).toFixed(0)} MB PSS${pageFigures}`);
        samples.get(t)!.push(s);
      }
    }
    const medianWall = (t: Tool) => (samples.get(t)?.length ? median(samples.get(t)!.map((s) => s.wall)) : undefined);
    const ref = medianWall('rpki-client');
    const browserFloor = medianWall('browser-floor');
    for (const t of tools) {
      const s = samples.get(t)!;
      const wall = median(s.map((x) => x.wall));
      const row = [
        label(p.n),
        String(p.objects),
        t,
        wall.toFixed(2),
        (p.objects / wall).toFixed(0),
        median(s.map((x) => x.cpu)).toFixed(2),
        (median(s.map((x) => x.rss)) / 1e6).toFixed(0),
        (median(s.map((x) => x.pss)) / 1e6).toFixed(0),
        ref ? (wall / ref).toFixed(2) : '-',
      ];
      rows.push(row);
      pending.push({ row, verifications: calls.verifications, wall, browserFloor });
    }
    // Medians over the rounds, each figure on its own.
    const pages = samples.get('chromium')?.flatMap((s) => (s.page ? [s.page] : [])) ?? [];
    if (pages.length) {
      const med = (f: (x: (typeof pages)[number]) => number, digits: number) => median(pages.map(f)).toFixed(digits);
      pageRows.push([
        label(p.n),
        String(p.objects),
        med((x) => x.longTasks.count, 0),
        med((x) => x.longTasks.max, 0),
        med((x) => x.longTasks.total, 0),
        med((x) => x.reopen.overview, 2),
        med((x) => x.reopen.tree, 2),
      ]);
    }
  }
  for (const { row, verifications, wall, browserFloor } of pending) {
    const floor = (verifications * micros) / 1e6 / cores;
    row.push(floor.toFixed(2), (wall / floor).toFixed(1), browserFloor ? (wall / browserFloor).toFixed(2) : '-');
  }
  log(`one RSA-2048 verification (node:crypto): ${micros.toFixed(1)} µs, the least of every round's; ${cores} cores`);
  printTable(rows, 3);
  if (pageRows.length > 1) {
    console.log('\nChromium: main-thread tasks over 50 ms during the run, and opening the stored snapshot again (medians)');
    printTable(pageRows, 1);
  }
}

/** Prints rows as aligned columns: the first `textColumns` left-aligned, the rest (figures) right-aligned. */
function printTable(rows: string[][], textColumns: number): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => (i < textColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

try {
  await main();
} finally {
  if (preview?.pid) process.kill(-preview.pid);
  archives?.close();
}
