/** Small pure helpers the snapshot views share. */
import { catalog, isFindingCode } from '../core/report/catalog.ts';
import type { SpecRef } from '../core/report/finding.ts';
import type { ObjectStatus, ObjectType } from '../core/validate/types.ts';

export const STATUSES: readonly ObjectStatus[] = ['valid', 'invalid', 'skipped', 'unreached'];

export const OBJECT_TYPE_LABELS: Record<ObjectType, string> = {
  cer: 'Certificates',
  crl: 'CRLs',
  mft: 'Manifests',
  roa: 'ROAs',
  asa: 'ASPAs',
  gbr: 'Ghostbusters',
  tak: 'TAKs',
  sig: 'RSCs',
  spl: 'Prefix lists',
  other: 'Other files',
};

/** The last path segment of a URI: what people call the object. */
export function fileName(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? uri : uri.slice(i + 1);
}

/** A code's sentence with its placeholders shown as "…", its spec and why, when the catalog knows it. */
export function codeInfo(code: string): { sentence: string; spec?: SpecRef; why?: string; severity?: string } {
  if (!isFindingCode(code)) return { sentence: code };
  const c = catalog[code];
  return { sentence: c.sentence.replace(/\{[^}]+\}/g, '…'), spec: c.spec, why: c.why, severity: c.severity };
}

/** A datetime-local input's value as Unix seconds (local time), and back. */
export function toLocalInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | undefined {
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
}

/** An evaluation time from a deep link: ISO 8601 or Unix seconds. */
export function parseTime(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000);
}

export function download(name: string, data: BlobPart, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
