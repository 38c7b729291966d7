/** `rpki-lens inspect FILE... [--json] [--at TIME]`: decode and explain objects; exit 1 when any fails to decode. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeObject } from '../core/objects/object.ts';
import { objectRecord } from '../core/output/object-record.ts';
import { catalog } from '../core/report/catalog.ts';
import { Findings, type Finding } from '../core/report/finding.ts';
import { checkAt } from '../core/validate/object-time.ts';
import { isoTime } from '../core/time.ts';
import { specLabel } from '../core/report/spec.ts';
import { parseTime } from './time.ts';
import { UsageError } from './usage.ts';
import { printTree } from './tree.ts';

export async function inspectCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, at: { type: 'string' } },
  });
  if (!positionals.length) throw new UsageError('inspect needs at least one FILE');
  const time = values.at === undefined ? undefined : parseTime(values.at);
  if (values.at !== undefined && time === undefined) throw new UsageError(`--at ${values.at}: not an ISO 8601 time or Unix seconds`);

  let failed = 0;
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      process.stderr.write(`${file}: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    const d = decodeObject(file, bytes);
    const findings = new Findings();
    findings.list.push(...d.findings);
    if (time !== undefined) checkAt(d, time, findings);
    if (!d.value) failed++;
    const sha256 = createHash('sha256').update(bytes).digest();
    if (values.json) process.stdout.write(`${JSON.stringify(objectRecord(file, d, sha256, findings.list))}\n`);
    else process.stdout.write(textReport(file, d.type, bytes.length, d.value, findings.list, time));
  }
  return failed ? 1 : 0;
}

function textReport(file: string, type: string, size: number, value: unknown, findings: Finding[], time: number | undefined): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const verdict = errors ? `${errors} error${errors > 1 ? 's' : ''}` : 'no errors';
  let s = `${file}\n  type ${type} · ${size} bytes · ${verdict}${time === undefined ? '' : ` at ${isoTime(time)}`}\n`;
  if (value !== undefined) s += printTree(value, '  ');
  for (const f of findings) {
    const at = f.at ? ` [bytes ${f.at.start}–${f.at.end}]` : '';
    s += `  ${f.severity.toUpperCase()} ${f.code} (${specLabel(f.spec)})${at}\n    ${f.message}\n`;
    if (f.severity === 'error') s += `    why: ${catalog[f.code].why}\n`;
  }
  return `${s}\n`;
}
