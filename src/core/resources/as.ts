/**
 * Autonomous System numbers of RFC 3779 §3: unsigned 32-bit integers (RFC 6793), held as JavaScript numbers.
 *
 *   ASId ::= INTEGER   -- RFC 3779 §3.2.3.10
 */

export const AS_MAX = 4294967295;

/** Inclusive. */
export interface AsRange {
  min: number;
  max: number;
}
/** Ranges sorted, merged, non-adjacent. */
export type AsFamily = 'inherit' | AsRange[];
/** An absent member holds no resources of that kind. RFC 6487 §4.8.11 forbids rdi in the RPKI. */
export interface AsResources {
  asnum?: AsFamily;
  rdi?: AsFamily;
}

export function formatAsn(asn: number): string {
  return `AS${asn}`;
}

export function formatAsRange(r: AsRange): string {
  return r.min === r.max ? formatAsn(r.min) : `${formatAsn(r.min)}-${formatAsn(r.max)}`;
}

/** Parses "AS65000", "as65000" or "65000" (asplain, RFC 5396). Throws on bad input. */
export function parseAsn(s: string): number {
  const m = /^\s*(?:AS)?(0|[1-9]\d{0,9})\s*$/i.exec(s);
  const n = m ? Number(m[1]) : NaN;
  if (!(n <= AS_MAX)) throw new Error(`not an AS number: "${s}"`);
  return n;
}
