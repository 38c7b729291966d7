/**
 * Test and benchmark support only (Node, never imported by the app): runs Debian's rpki-client 8.2 offline over a
 * repository held in memory, "as of" a given time, and returns its VRPs and warnings.
 *
 * Recipe (checked against rpki-client 8.2's source and by experiment):
 *   - the cache directory holds CACHE/<host>/<module>/<path> for rsync://<host>/<module>/<path>, and the trust
 *     anchor certificate again as CACHE/ta/<talname>/<file>.cer, where talname is the TAL's file name without .tal;
 *   - `rpki-client -R -e /bin/true -s 0 -v -c -j -d CACHE -t TALFILE OUTDIR`: rsync only, with /bin/true as the rsync
 *     program, so every "fetch" is a no-op and the pre-filled cache goes through the normal validation path; no
 *     timeout; verbose; CSV and JSON output;
 *   - run under `faketime '@<unix seconds>'` with TZ=UTC, as 8.2 has no evaluation-time option;
 *   - as root it drops privileges to `_rpki-client`, so CACHE and OUTDIR belong to that user;
 *   - never `-n` (8.2 crashes without output when a manifest fails), and 8.2 only reads the old ASPA profile, so
 *     only VRPs are comparable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RpkiClientVrp {
  asn: number;
  prefix: string;
  maxLength: number;
  ta: string;
  expires: number;
}

/** A BGPsec router key as rpki-client's JSON lists it: SKI in upper-case hex, the SubjectPublicKeyInfo in base64. */
export interface RpkiClientRouterKey {
  asn: number;
  ski: string;
  pubkey: string;
  ta: string;
  expires: number;
}

export interface RpkiClientResult {
  vrps: RpkiClientVrp[];
  routerKeys: RpkiClientRouterKey[];
  /** OUTDIR/csv as written. */
  csv: string;
  /** OUTDIR/json, parsed. */
  json: { metadata: Record<string, unknown>; bgpsec_keys?: RpkiClientRouterKey[] };
  /** What it printed on stderr: its warnings, one per line. */
  stderr: string;
  status: number | null;
}

export interface RpkiClientInput {
  tal: { name: string; text: string; uris: string[] };
  objects: Map<string, Uint8Array>;
  /** Evaluation time, Unix seconds. */
  time: number;
}

const USER = '_rpki-client';

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/** Installs rpki-client and faketime with apt-get when either is missing (needs root). Throws when that fails. */
export function ensureRpkiClient(): void {
  if (onPath('rpki-client') && onPath('faketime')) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['install', '-y', 'rpki-client', 'faketime'], { stdio: 'ignore', env });
}

/** The local path of an rsync URI inside the cache: <host>/<module>/<path>. */
function cachePath(cache: string, uri: string): string {
  const m = /^rsync:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m || m[2].split('/').some((s) => s === '' || s === '.' || s === '..')) throw new Error(`not a usable rsync URI: ${uri}`);
  return join(cache, m[1], m[2]);
}

export function runRpkiClient(input: RpkiClientInput): RpkiClientResult {
  ensureRpkiClient();
  const root = mkdtempSync(join(tmpdir(), 'rpki-client-'));
  try {
    chmodSync(root, 0o755);
    const cache = join(root, 'cache');
    const out = join(root, 'out');
    mkdirSync(out, { recursive: true });
    for (const [uri, bytes] of input.objects) {
      const path = cachePath(cache, uri);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    const taUri = input.tal.uris.find((u) => u.startsWith('rsync://') && input.objects.has(u));
    if (!taUri) throw new Error(`the repository holds no trust anchor certificate at ${input.tal.uris.join(' ')}`);
    const taDir = join(cache, 'ta', input.tal.name);
    mkdirSync(taDir, { recursive: true });
    writeFileSync(join(taDir, taUri.slice(taUri.lastIndexOf('/') + 1)), input.objects.get(taUri)!);
    const talFile = join(root, `${input.tal.name}.tal`);
    writeFileSync(talFile, input.tal.text);
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', `${USER}:${USER}`, root]);

    const run = spawnSync(
      'faketime',
      [`@${input.time}`, 'rpki-client', '-R', '-e', '/bin/true', '-s', '0', '-v', '-c', '-j', '-d', cache, '-t', talFile, out],
      { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    let csv: string;
    let json: RpkiClientResult['json'];
    try {
      csv = readFileSync(join(out, 'csv'), 'utf8');
      json = JSON.parse(readFileSync(join(out, 'json'), 'utf8'));
    } catch {
      throw new Error(`rpki-client wrote no output (status ${run.status}): ${run.stderr}`);
    }
    return { vrps: parseCsv(csv), routerKeys: json.bgpsec_keys ?? [], csv, json, stderr: run.stderr, status: run.status };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `ASN,IP Prefix,Max Length,Trust Anchor,Expires`, e.g. `AS64496,192.0.2.0/24,24,ta,1767225600`. */
export function parseCsv(csv: string): RpkiClientVrp[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [asn, prefix, maxLength, ta, expires] = line.split(',');
      return { asn: Number(asn.replace(/^AS/, '')), prefix, maxLength: Number(maxLength), ta, expires: Number(expires) };
    });
}
