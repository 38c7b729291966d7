/**
 * `rpki-lens validate`: a snapshot (a folder, a tar or tar.gz archive, RRDP files, single objects: told apart by
 * content) or a repository directory (--repo) and TALs in; VRPs out (stdout or --output); a summary on stderr, with
 * the agreement with the output rpki-client recorded beside the data when the snapshot has one (RPKIViews).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeTal } from '../core/objects/tal.ts';
import { FORMATS, isFormatName } from '../core/output/formats.ts';
import { exportData } from '../core/output/payloads.ts';
import type { Finding } from '../core/report/finding.ts';
import { compareVrps, loadSnapshot, type LoadedSnapshot } from '../core/snapshot/index.ts';
import type { ObjectSource } from '../core/validate/source.ts';
import type { TalInput } from '../core/validate/types.ts';
import { validate } from '../core/validate/walk.ts';
import { DirectorySource } from './fs-source.ts';
import { nodeCrypto } from './node-crypto.ts';
import { startNodePool } from './pool.ts';
import { nodeGunzip, snapshotInput } from './snapshot-input.ts';
import { parseTime } from './time.ts';
import { UsageError } from './usage.ts';

/** Warnings and errors of loading printed one by one; past this they are counted. */
const SHOWN_FINDINGS = 20;

export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tal: { type: 'string', multiple: true },
      repo: { type: 'string' },
      at: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      output: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (values.repo ? positionals.length > 0 : positionals.length !== 1) {
    throw new UsageError('validate needs one snapshot (a file or folder) or --repo DIR');
  }
  if (values.repo && !values.tal?.length) throw new UsageError('validate --repo needs at least one --tal FILE');
  if (!isFormatName(values.format)) throw new UsageError(`unknown --format ${values.format}; one of ${Object.keys(FORMATS).join(', ')}`);
  const time = values.at === undefined ? Math.floor(Date.now() / 1000) : parseTime(values.at);
  if (time === undefined) throw new UsageError(`--at ${values.at}: not an ISO 8601 time or Unix seconds`);
  // --workers 0 runs every publication point in this thread.
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 1024) throw new UsageError(`--workers ${values.workers}: not a number of workers`);

  const tals: TalInput[] = [];
  for (const file of values.tal ?? []) {
    const name = basename(file).replace(/\.tal$/, '');
    const decoded = decodeTal(await readFile(file), name);
    if (!decoded.ok) {
      for (const f of decoded.findings) process.stderr.write(`${file}: ${f.code}: ${f.message}\n`);
      return 1;
    }
    tals.push({ name, uris: decoded.value.uris, spki: decoded.value.spki });
  }

  const started = performance.now();
  let source: ObjectSource;
  let snapshot: LoadedSnapshot | undefined;
  if (values.repo) source = new DirectorySource(values.repo, tals.map((t) => t.name));
  else {
    const { input, name } = await snapshotInput(positionals[0]);
    snapshot = await loadSnapshot(input, name, { tals, gunzip: nodeGunzip });
    source = snapshot.source;
    process.stderr.write(loadReport(snapshot));
    if (!tals.length) tals.push(...snapshot.tals);
    if (!tals.length) {
      process.stderr.write('rpki-lens: the snapshot holds no TAL and no trust anchor certificate; pass --tal FILE\n');
      return 1;
    }
  }

  const opts = { time, crypto: nodeCrypto() };
  let result;
  if (workers === 0) result = await validate(tals, source, opts);
  else {
    const repo = values.repo ? { dir: values.repo, talNames: tals.map((t) => t.name) } : undefined;
    const pool = await startNodePool(workers, { time, repo }, snapshot?.source.objects);
    try {
      result = await validate(tals, source, opts, pool.runner);
    } finally {
      await pool.close();
    }
  }
  const data = exportData(result, tals.map((t) => t.name));
  const text = FORMATS[values.format].format(data);
  if (values.output) await writeFile(values.output, text);
  else process.stdout.write(text);

  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(summary(result.reports, data.vrps.length, data.aspas.length, data.routerKeys.length, seconds));
  if (snapshot?.recorded) {
    const c = compareVrps(data.vrps, snapshot.recorded.vrps);
    const lines = [
      `recorded output ${snapshot.recorded.path}${snapshot.recorded.buildtime ? ` (${snapshot.recorded.buildtime})` : ''}: ` +
        `${c.recorded} VRPs; ours ${c.ours}; in both ${c.both}; only ours ${c.onlyOurs}; only recorded ${c.onlyRecorded}`,
      ...c.firstOnlyOurs.map((k) => `  only ours:     ${k}`),
      ...c.firstOnlyRecorded.map((k) => `  only recorded: ${k}`),
    ];
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  return 0;
}

/** What loading found: the snapshot's shape, then its warnings and errors, infos by code. */
function loadReport(s: LoadedSnapshot): string {
  const st = s.stats;
  const rrdp = st.rrdp ? ` · RRDP session ${st.rrdp.session} serial ${st.rrdp.serial}` : '';
  const lines = [
    `snapshot: ${st.container ?? '?'} · ${st.layouts.join(', ') || 'no layout'} · ${st.objects} objects, ${(st.objectBytes / 1e6).toFixed(1)} MB, read in ${st.seconds.toFixed(2)} s${rrdp}`,
  ];
  const serious = s.findings.filter((f) => f.severity !== 'info');
  for (const f of serious.slice(0, SHOWN_FINDINGS)) lines.push(`  ${f.severity}: ${f.code}: ${f.message}`);
  if (serious.length > SHOWN_FINDINGS) lines.push(`  … ${serious.length - SHOWN_FINDINGS} more warnings and errors`);
  const infos = new Map<string, Finding[]>();
  for (const f of s.findings) if (f.severity === 'info') infos.set(f.code, [...(infos.get(f.code) ?? []), f]);
  for (const [code, list] of infos) lines.push(`  info: ${code}: ${list.length === 1 ? list[0].message : `${list.length} times, e.g. ${list[0].message}`}`);
  return `${lines.join('\n')}\n`;
}

function summary(reports: { type: string; status: string }[], vrps: number, aspas: number, keys: number, seconds: number): string {
  const byType = new Map<string, Map<string, number>>();
  for (const r of reports) {
    const m = byType.get(r.type) ?? new Map<string, number>();
    m.set(r.status, (m.get(r.status) ?? 0) + 1);
    byType.set(r.type, m);
  }
  const lines = [...byType.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([type, m]) => `  ${type.padEnd(5)} ${[...m.entries()].map(([s, n]) => `${n} ${s}`).join(', ')}`);
  return `${reports.length} objects in ${seconds.toFixed(2)} s\n${lines.join('\n')}\nVRPs: ${vrps} unique · ASPA: ${aspas} · router keys: ${keys}\n`;
}
