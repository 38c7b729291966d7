/**
 * Turns any decoded value into tree nodes for ValueTree.svelte: objects and arrays become branches, bytes a hex
 * view, bigints decimals, Unix-second fields ISO 8601 UTC, and RFC 3779 addresses their textual form. Every node
 * ends as text: nothing from an object is ever interpreted as markup.
 */
import { formatAsRange, formatAsn } from '../core/resources/as.ts';
import { formatIpRange, formatPrefix, type Afi } from '../core/resources/ip.ts';
import type { ByteRange } from '../core/report/finding.ts';
import { algorithmName } from '../core/x509/algorithm.ts';
import { extensionName } from '../core/x509/extensions.ts';
import { TIME_FIELDS, isoTime } from './format.ts';

export type Family = Afi | 'as';

export type Tone = 'string' | 'number' | 'boolean' | 'time' | 'address' | 'range' | 'oid' | 'empty';

export interface Entry {
  key: string;
  value: unknown;
  /** The resource family the value belongs to: from an enclosing `afi` field, or an `ipv4`/`ipv6`/`asnum` key. */
  family?: Family;
}

export type TreeNode =
  | { kind: 'leaf'; text: string; tone: Tone; note?: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'branch'; array: boolean; entries: Entry[] };

const OID = /^[0-2](\.(0|[1-9]\d*)){2,}$/;

/** Wrapper fields that hide the interesting content when shown open. */
const COLLAPSED: ReadonlySet<string> = new Set([
  'signedObject',
  'ee',
  'signerInfo',
  'extensions',
  'algorithms',
  'rdns',
  'properties',
]);

export function describe(entry: Entry): TreeNode {
  const { key, value } = entry;
  const family = familyOfKey(key) ?? entry.family;
  if (value === null || value === undefined) return { kind: 'leaf', text: String(value), tone: 'empty' };
  if (value instanceof Uint8Array) return { kind: 'bytes', bytes: value };
  switch (typeof value) {
    case 'string':
      return OID.test(value) ? { kind: 'leaf', text: value, tone: 'oid', note: oidName(value) } : { kind: 'leaf', text: value, tone: 'string' };
    case 'bigint':
      return { kind: 'leaf', text: value.toString(10), tone: 'number' };
    case 'boolean':
      return { kind: 'leaf', text: String(value), tone: 'boolean' };
    case 'number':
      return TIME_FIELDS.has(key) && Number.isFinite(value)
        ? { kind: 'leaf', text: isoTime(value), tone: 'time' }
        : { kind: 'leaf', text: String(value), tone: 'number' };
    case 'object':
      break;
    default:
      return { kind: 'leaf', text: String(value), tone: 'string' };
  }
  const resource = formatResource(value as Record<string, unknown>, family);
  if (resource !== undefined) return { kind: 'leaf', text: resource, tone: 'address' };
  if (isByteRange(value)) return { kind: 'leaf', text: `bytes ${value.start}–${value.end}`, tone: 'range' };
  if (value instanceof Date) return { kind: 'leaf', text: isoTime(value.getTime() / 1000), tone: 'time' };
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => ({ key: String(k), value: v as unknown, family }));
    return entries.length === 0 ? { kind: 'leaf', text: 'none', tone: 'empty' } : { kind: 'branch', array: false, entries };
  }
  if (value instanceof Set) return describe({ key, value: [...value], family });
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'leaf', text: 'none', tone: 'empty' };
    return { kind: 'branch', array: true, entries: value.map((v, i) => ({ key: String(i), value: v, family })) };
  }
  const own = afiOf(value) ?? family;
  const entries: Entry[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    entries.push({ key: k, value: v, family: own });
  }
  if (entries.length === 0) return { kind: 'leaf', text: 'none', tone: 'empty' };
  return { kind: 'branch', array: false, entries };
}

/** Whether a branch starts open: wrappers and long lists start closed so the payload is in view. */
export function startsOpen(key: string, size: number, depth: number): boolean {
  return !COLLAPSED.has(key) && size <= 64 && depth < 8;
}

/** The name of an algorithm or extension OID the core knows. */
function oidName(oid: string): string | undefined {
  const algorithm = algorithmName(oid);
  if (algorithm !== oid) return algorithm;
  const extension = extensionName(oid);
  return extension !== oid ? extension : undefined;
}

/** A ByteRange `{ start, end }` (where a field sits in the file) and nothing else. */
function isByteRange(v: object): v is ByteRange {
  const keys = Object.keys(v);
  const r = v as Partial<ByteRange>;
  return keys.length === 2 && typeof r.start === 'number' && typeof r.end === 'number';
}

function afiOf(value: object): Afi | undefined {
  const afi = (value as { afi?: unknown }).afi;
  return afi === 'ipv4' || afi === 'ipv6' ? afi : undefined;
}

function familyOfKey(key: string): Family | undefined {
  if (key === 'ipv4' || key === 'ipv6') return key;
  return key === 'asnum' || key === 'rdi' ? 'as' : undefined;
}

/**
 * RFC 3779 values in their textual form: an IpPrefix `{ afi, addr, len }`, an IPAddressOrRange or ASIdOrRange
 * (`{ kind: 'prefix', prefix }`, `{ kind: 'id', id }`), and `{ min, max }` ranges whose family is known.
 */
function formatResource(v: Record<string, unknown>, family: Family | undefined): string | undefined {
  if (typeof v.addr === 'bigint' && typeof v.len === 'number' && (v.afi === 'ipv4' || v.afi === 'ipv6')) {
    return formatPrefix({ afi: v.afi, addr: v.addr, len: v.len });
  }
  if (v.kind === 'prefix' && typeof v.prefix === 'object' && v.prefix !== null) {
    return formatResource(v.prefix as Record<string, unknown>, family);
  }
  if (v.kind === 'id' && typeof v.id === 'number' && family === 'as') return formatAsn(v.id);
  const own = afiOf(v) ?? family;
  if (own === 'as' && typeof v.min === 'number' && typeof v.max === 'number') {
    return formatAsRange({ min: v.min, max: v.max });
  }
  if (own && own !== 'as' && typeof v.min === 'bigint' && typeof v.max === 'bigint') {
    return formatIpRange(own, { min: v.min, max: v.max });
  }
  return undefined;
}
