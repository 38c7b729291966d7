/**
 * Route origin validation, RFC 6811 §2: a route is Valid when a VRP covers its prefix, allows its length and
 * names its origin AS; Invalid when VRPs cover it but none matches; NotFound when none covers it. An AS 0 VRP
 * (RFC 7607) covers but never matches.
 */
import { parsePrefix, prefixToRange, type IpPrefix } from '../resources/index.ts';
import type { Vrp } from '../validate/types.ts';

export type RovState = 'valid' | 'invalid' | 'not-found';

export interface RovResult {
  state: RovState;
  /** For invalid routes: 'length' when a VRP for the origin AS covers the prefix but its maxLength is too short. */
  reason?: 'as' | 'length';
  /** The covering VRPs that match the route (RFC 6811 §2 "Matched"). */
  matched: Vrp[];
  /** The covering VRPs that do not match it. */
  unmatched: Vrp[];
}

/** True when `outer` covers `inner`: same family, shorter or equal length, same leading bits (RFC 6811 §2). */
export function covers(outer: IpPrefix, inner: IpPrefix): boolean {
  if (outer.afi !== inner.afi || outer.len > inner.len) return false;
  const r = prefixToRange(outer);
  return inner.addr >= r.min && inner.addr <= r.max;
}

export function validateRoute(vrps: readonly Vrp[], route: IpPrefix, origin: number): RovResult {
  const matched: Vrp[] = [];
  const unmatched: Vrp[] = [];
  let lengthOnly = false;
  for (const v of vrps) {
    const p = parsePrefix(v.prefix);
    if (!covers(p, route)) continue;
    const lengthOk = route.len <= v.maxLength;
    if (v.asn === origin && origin !== 0 && v.asn !== 0 && lengthOk) matched.push(v);
    else {
      unmatched.push(v);
      if (v.asn === origin && origin !== 0 && !lengthOk) lengthOnly = true;
    }
  }
  if (matched.length) return { state: 'valid', matched, unmatched };
  if (unmatched.length) return { state: 'invalid', reason: lengthOnly ? 'length' : 'as', matched, unmatched };
  return { state: 'not-found', matched, unmatched };
}
