/** How the inspector shows spec references, times and decoded values. Pure functions, tested in format.test.ts. */
import type { ObjectType } from '../core/objects/object.ts';
import type { Finding, SpecRef } from '../core/report/finding.ts';

/** RFC → rfc-editor.org with a section anchor; draft → datatracker; ITU-T → the Recommendation's page. */
export function specHref(spec: SpecRef): string {
  const anchor = spec.section ? sectionAnchor(spec.section) : '';
  if ('rfc' in spec) return `https://www.rfc-editor.org/rfc/rfc${spec.rfc}${anchor}`;
  if ('draft' in spec) return `https://datatracker.ietf.org/doc/html/${encodeURIComponent(spec.draft)}${anchor}`;
  return `https://www.itu.int/rec/T-REC-${encodeURIComponent(spec.itu)}`;
}

/** "RFC 9582 §4.3.2", "draft-ietf-sidrops-aspa-profile §3", "X.690 §8.1.1" */
export function specLabel(spec: SpecRef): string {
  const doc = 'rfc' in spec ? `RFC ${spec.rfc}` : 'draft' in spec ? spec.draft : `ITU-T ${spec.itu}`;
  return spec.section ? `${doc} §${spec.section}` : doc;
}

/** Sections are numbered ("4.3.2") or appendices ("A", "A.1"); rfc-editor.org and datatracker anchor both. */
function sectionAnchor(section: string): string {
  return /^[A-Z](\.|$)/.test(section) ? `#appendix-${section}` : `#section-${section}`;
}

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

/** Unix seconds as ISO 8601 UTC without fractions: "2019-05-01T00:00:00Z". */
export function isoTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString().replace('.000Z', 'Z');
}

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
