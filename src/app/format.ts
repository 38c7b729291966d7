/** How the inspector shows verdicts, sizes and decoded values. Pure functions, tested in format.test.ts. */
import type { ObjectType } from '../core/objects/object.ts';
import type { Finding } from '../core/report/finding.ts';

export { specHref, specLabel } from '../core/report/spec.ts';
export { isoTime } from '../core/time.ts';

/** Decoded fields holding Unix seconds. */
export const TIME_FIELDS: ReadonlySet<string> = new Set([
  'notBefore',
  'notAfter',
  'thisUpdate',
  'nextUpdate',
  'signingTime',
  'binarySigningTime',
  'date',
]);


/**
 * "1,234,567". One formatter made at start: the first toLocaleString of a page loads the locale's number data,
 * which took a 50–80 ms main-thread task in the middle of a run.
 */
export const formatCount: (n: number) => string = new Intl.NumberFormat('en').format;

/** "812 bytes", "1.4 KiB", "2.0 MiB" */
export function formatSize(n: number): string {
  if (n < 1024) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

export type VerdictKind = 'ok' | 'warnings' | 'errors';

/** The badge for a set of findings: any error wins, then any warning; notes alone leave the object ok. */
export function verdictOf(findings: readonly Finding[]): { kind: VerdictKind; label: string } {
  if (findings.some((f) => f.severity === 'error')) return { kind: 'errors', label: 'Has errors' };
  if (findings.some((f) => f.severity === 'warning')) return { kind: 'warnings', label: 'Has warnings' };
  return { kind: 'ok', label: 'OK' };
}

/** "1 error, 2 warnings", "no findings" */
export function countFindings(findings: readonly Finding[]): string {
  const parts: string[] = [];
  for (const [severity, one, many] of [
    ['error', 'error', 'errors'],
    ['warning', 'warning', 'warnings'],
    ['info', 'note', 'notes'],
  ] as const) {
    const n = findings.filter((f) => f.severity === severity).length;
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

export const TYPE_LABELS: Record<ObjectType, string> = {
  cer: 'Resource certificate',
  crl: 'CRL',
  roa: 'ROA',
  mft: 'Manifest',
  asa: 'ASPA',
  gbr: 'Ghostbusters record',
  tak: 'Trust Anchor Key',
  sig: 'RSC (signed checklist)',
  spl: 'Signed Prefix List',
  tal: 'TAL',
  unknown: 'Unknown',
};
