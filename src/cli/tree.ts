/** Every decoded field as indented text: times as ISO 8601, long byte strings cut to their first 32 octets. */
import { plain } from '../core/output/object-record.ts';
import { isoTime } from '../core/time.ts';

const TIMES = new Set(['notBefore', 'notAfter', 'thisUpdate', 'nextUpdate', 'signingTime', 'binarySigningTime', 'date']);

export function printTree(value: unknown, indent: string): string {
  return lines(plain(value), indent).join('\n') + '\n';
}

function lines(v: unknown, indent: string, key = ''): string[] {
  if (isRange(v)) return [`${indent}${key}bytes ${v.start}–${v.end}`];
  if (v === null || typeof v !== 'object') return [`${indent}${key}${leaf(v, key.slice(0, -2))}`];
  const entries = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x] as const) : Object.entries(v);
  if (!entries.length) return [`${indent}${key}${Array.isArray(v) ? '(none)' : '{}'}`];
  const head = key ? [`${indent}${key.slice(0, -2)}:`] : [];
  const inner = key ? `${indent}  ` : indent;
  return [...head, ...entries.flatMap(([k, x]) => lines(x, inner, `${k}: `))];
}

function leaf(v: unknown, key: string): string {
  if (typeof v === 'number' && TIMES.has(key)) return isoTime(v);
  if (typeof v === 'string' && /^[0-9a-f]{66,}$/.test(v)) return `${v.slice(0, 64)}… (${v.length / 2} bytes)`;
  return String(v);
}

function isRange(v: unknown): v is { start: number; end: number } {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 2 && 'start' in v && 'end' in v;
}
