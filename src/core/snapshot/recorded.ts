/**
 * The output a validator recorded beside its input: RPKIViews archives keep rpki-client's JSON (`output/
 * rpki-client.json`) next to the cache it was made from, so that our VRPs (RFC 6811 §2: prefix, maximum length,
 * origin AS) can be compared with rpki-client's on the very same data.
 */
import { formatPrefix, parsePrefix } from '../resources/index.ts';

export interface RecordedVrp {
  asn: number;
  prefix: string;
  maxLength: number;
  ta?: string;
}

export interface RecordedOutput {
  /** Where the file was found. */
  path: string;
  /** rpki-client's metadata.buildtime, when present. */
  buildtime?: string;
  vrps: RecordedVrp[];
}

/** rpki-client's JSON (`-j`): `roas` as { asn, prefix, maxLength, ta }; older versions wrote "AS64496" for asn. */
export function parseRecorded(bytes: Uint8Array, path: string): { ok: true; value: RecordedOutput } | { ok: false; reason: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return { ok: false, reason: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const roas = (doc as { roas?: unknown })?.roas;
  if (!Array.isArray(roas)) return { ok: false, reason: 'no "roas" array' };
  const vrps: RecordedVrp[] = [];
  for (const [i, r] of roas.entries()) {
    const o = r as { asn?: unknown; prefix?: unknown; maxLength?: unknown; ta?: unknown };
    const asn = typeof o.asn === 'string' ? Number(o.asn.replace(/^AS/i, '')) : o.asn;
    if (typeof asn !== 'number' || !Number.isInteger(asn) || typeof o.prefix !== 'string' || typeof o.maxLength !== 'number') {
      return { ok: false, reason: `roas[${i}] lacks asn, prefix or maxLength` };
    }
    vrps.push({ asn, prefix: o.prefix, maxLength: o.maxLength, ta: typeof o.ta === 'string' ? o.ta : undefined });
  }
  const buildtime = (doc as { metadata?: { buildtime?: unknown } }).metadata?.buildtime;
  return { ok: true, value: { path, vrps, buildtime: typeof buildtime === 'string' ? buildtime : undefined } };
}

export interface VrpComparison {
  /** Unique VRPs (prefix, maxLength, ASN) on each side and in both. */
  ours: number;
  recorded: number;
  both: number;
  onlyOurs: number;
  onlyRecorded: number;
  /** The first differences, in sorted order, as "AS64496 192.0.2.0/24-24". */
  firstOnlyOurs: string[];
  firstOnlyRecorded: string[];
}

type VrpLike = { asn: number; prefix: string; maxLength: number };

function key(v: VrpLike): string {
  let prefix = v.prefix;
  try {
    prefix = formatPrefix(parsePrefix(v.prefix));
  } catch {
    // Compared as written when it does not parse.
  }
  return `AS${v.asn} ${prefix}-${v.maxLength}`;
}

/** Compares two VRP sets as sets of (prefix, maxLength, ASN): counts and the first `limit` differences each way. */
export function compareVrps(ours: readonly VrpLike[], recorded: readonly VrpLike[], limit = 10): VrpComparison {
  const a = new Set(ours.map(key));
  const b = new Set(recorded.map(key));
  const onlyA = [...a].filter((k) => !b.has(k)).sort();
  const onlyB = [...b].filter((k) => !a.has(k)).sort();
  return {
    ours: a.size,
    recorded: b.size,
    both: a.size - onlyA.length,
    onlyOurs: onlyA.length,
    onlyRecorded: onlyB.length,
    firstOnlyOurs: onlyA.slice(0, limit),
    firstOnlyRecorded: onlyB.slice(0, limit),
  };
}
