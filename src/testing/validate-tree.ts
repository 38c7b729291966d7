/** Test helper: validate a repository folder in rsync layout with one TAL at a pinned time. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DirectorySource } from '../cli/fs-source.ts';
import { nodeCrypto } from '../cli/node-crypto.ts';
import { decodeTal } from '../core/objects/tal.ts';
import { exportData } from '../core/output/payloads.ts';
import type { ValidationResult } from '../core/validate/types.ts';
import { validate } from '../core/validate/walk.ts';

export async function validateTree(repo: string, talFile: string, iso: string): Promise<ValidationResult> {
  const name = basename(talFile).replace(/\.tal$/, '');
  const tal = decodeTal(readFileSync(talFile), name);
  if (!tal.ok) throw new Error(`${talFile}: ${tal.findings.map((f) => f.message).join('; ')}`);
  const source = new DirectorySource(repo, [name]);
  return validate([{ name, uris: tal.value.uris, spki: tal.value.spki }], source, { time: Date.parse(iso) / 1000, crypto: nodeCrypto() });
}

/** Unique VRPs as `asn,prefix,maxLength` lines, sorted as `LC_ALL=C sort` sorts them. */
export function vrpLines(result: ValidationResult): string[] {
  return [...new Set(exportData(result, []).vrps.map((v) => `${v.asn},${v.prefix},${v.maxLength}`))].sort(byteOrder);
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads a CSV of VRPs (forge `asn,prefix,maxlen` or rpki-client `ASN,IP Prefix,Max Length,...`) as sorted lines. */
export function csvVrpLines(path: string): string[] {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return rows.map((r) => r.split(',').slice(0, 3).join(',').replace(/^AS/, '')).sort(byteOrder);
}
