/**
 * Builds the bundled teaching sample into static/sample/: a small repository (a trust anchor, two RIR-like CAs, six
 * member CAs, ROAs, ASPAs, a BGPsec router certificate, a Ghostbusters record) with a few deliberate defects.
 *
 *   npx tsx scripts/build-sample.ts
 *
 * Writes sample.tal, sample.tgz (gzip'd tar, rsync layout <host>/<module>/<path>) and sample.json (what a trainer
 * needs: the defects and why they fail, the evaluation time, the expected counts). Reproducible: fixed seed, fixed
 * build time and the bundled weak key pool give the same bytes every run. Everything but the defects is valid for ten
 * years from the build time. The keys are WEAK TEST KEYS (see src/core/builder/keys.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packTar } from 'modern-tar';
import { nodeCrypto } from '../src/cli/node-crypto.ts';
import { buildRepository, type RepositorySpec } from '../src/core/builder/repository.ts';
import { WEAK_KEY_POOL } from '../src/core/builder/weak-key-pool.ts';
import { MapSource } from '../src/core/validate/source.ts';
import { validate } from '../src/core/validate/walk.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../static/sample');
const BUILD_TIME = '2026-01-01T00:00:00Z';
const EVALUATION_TIME = '2026-01-02T00:00:00Z';
const LIMIT = 200 * 1024;

const SPEC: RepositorySpec = {
  seed: 'rpki-lens-sample-1',
  name: 'sample',
  host: 'rpki.example.net',
  module: 'repo',
  resources: { ipv4: '10.0.0.0/8', ipv6: '2001:db8::/32', asns: 'AS64496-AS64511' },
  intermediates: 2,
  members: 3,
  roas: 4,
  aspas: 3,
  routers: 1,
  gbrs: 1,
  names: {
    intermediates: ['rir-north', 'rir-south'],
    members: ['acme-net', 'bluebird', 'coastal', 'delta-transit', 'echo-hosting', 'fjord-telecom'],
  },
  validityDays: { ta: 3650, ca: 3650, ee: 3650 },
  defects: ['stale-mft', 'expired-ee', 'overclaim-roa', 'revoked-ee', 'max-length-below-prefix'],
};

const seconds = (iso: string) => Date.parse(iso) / 1000;

const repo = await buildRepository(SPEC, { time: seconds(BUILD_TIME), keys: WEAK_KEY_POOL });

// The sample must say what it promises: validate it and compare with the plan before writing anything.
const { name, uris, spki } = repo.tal;
const result = await validate([{ name, uris, spki }], new MapSource(repo.objects), { time: seconds(EVALUATION_TIME), crypto: nodeCrypto() });
const vrpKey = (v: { asn: number; prefix: string; maxLength: number }) => `AS${v.asn},${v.prefix},${v.maxLength}`;
const got = [...new Set(result.vrps.map(vrpKey))].sort();
const want = repo.expected.vrps.map(vrpKey).sort();
if (got.join('\n') !== want.join('\n') || result.aspas.length !== repo.expected.aspas.length || result.routerKeys.length !== repo.expected.routerKeys.length) {
  throw new Error('the sample does not validate as planned');
}
for (const d of repo.expected.defects) {
  const report = result.reports.find((r) => r.uri === d.uri);
  if (!report?.findings.some((f) => f.code === d.expectedCode)) throw new Error(`${d.defect}: no ${d.expectedCode} on ${d.uri}`);
}

const mtime = new Date(BUILD_TIME);
const tar = await packTar(
  [...repo.objects].map(([uri, bytes]) => ({
    header: { name: uri.slice('rsync://'.length), size: bytes.length, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' },
    body: bytes,
  })),
);
const tgz = new Uint8Array(await new Response(new Blob([tar]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
if (tgz.length > LIMIT) throw new Error(`the sample archive is ${tgz.length} bytes, over the ${LIMIT} byte budget`);

const count = (ext: string) => [...repo.objects.keys()].filter((u) => u.endsWith(ext)).length;
const routerCerts = [...repo.objects.keys()].filter((u) => /\/ROUTER-[0-9A-F]{8}\.cer$/.test(u)).length;
const summary = {
  name: 'RPKI Lens teaching sample',
  description:
    'A small, synthetic RPKI repository: one trust anchor, two RIR-like CAs, six member CAs with ROAs, ASPAs, a BGPsec ' +
    'router certificate and a Ghostbusters record, and a few deliberate defects to find and explain. Its keys are weak ' +
    'test keys from a shared pool of primes: never trust it for anything real.',
  tal: 'sample.tal',
  archive: 'sample.tgz',
  layout: 'rsync: <host>/<module>/<path>',
  buildTime: BUILD_TIME,
  evaluationTime: EVALUATION_TIME,
  validUntil: new Date((seconds(BUILD_TIME) + 3650 * 86400) * 1000).toISOString().replace('.000Z', 'Z'),
  counts: {
    files: repo.objects.size,
    certificates: count('.cer'),
    caCertificates: count('.cer') - routerCerts,
    routerCertificates: routerCerts,
    manifests: count('.mft'),
    crls: count('.crl'),
    roas: count('.roa'),
    aspas: count('.asa'),
    gbrs: count('.gbr'),
  },
  expected: {
    vrps: want.length,
    aspas: repo.expected.aspas.length,
    routerKeys: repo.expected.routerKeys.length,
    vrpList: want,
  },
  defects: repo.expected.defects,
};

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'sample.tal'), repo.tal.text);
writeFileSync(join(OUT, 'sample.tgz'), tgz);
writeFileSync(join(OUT, 'sample.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`static/sample: ${repo.objects.size} files, ${want.length} VRPs, ${repo.expected.defects.length} defects, sample.tgz ${tgz.length} bytes`);
