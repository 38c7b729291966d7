/**
 * Resource sets and their algebra, for certification path validation of RFC 3779 §2.3 (addresses) and §3.3 (AS
 * numbers) as profiled by RFC 6487 §7.2, and for the intersection RFC 8360 reconsidered validation uses.
 *
 * All lists are normalised (sorted, merged, non-adjacent), as the decoders produce them; containment is then a
 * binary search per inner range, subtraction and intersection a linear merge.
 */
import { formatAsRange, type AsRange, type AsResources } from './as.ts';
import { formatIpRange, type IpRange, type IpResources } from './ip.ts';
import * as spans from './spans.ts';

/** Resources after inheritance is resolved: every family explicit, empty when not held. RDIs play no part (RFC 6487 §4.8.11). */
export interface ResourceSet {
  ipv4: IpRange[];
  ipv6: IpRange[];
  asnum: AsRange[];
}

export type ResourceFamily = keyof ResourceSet;
export const RESOURCE_FAMILIES: readonly ResourceFamily[] = ['ipv4', 'ipv6', 'asnum'];

/** A certificate's resources as encoded: per family explicit ranges, 'inherit', or absent. */
export interface ClaimedResources {
  ip?: IpResources;
  as?: AsResources;
}

const succBig = (x: bigint) => x + 1n;
const predBig = (x: bigint) => x - 1n;
const succNum = (x: number) => x + 1;
const predNum = (x: number) => x - 1;

export function normaliseIp(ranges: readonly IpRange[]): IpRange[] {
  return spans.normalise(ranges, succBig);
}

export function normaliseAs(ranges: readonly AsRange[]): AsRange[] {
  return spans.normalise(ranges, succNum);
}

export function emptyResourceSet(): ResourceSet {
  return { ipv4: [], ipv6: [], asnum: [] };
}

export function isEmptySet(s: ResourceSet): boolean {
  return s.ipv4.length === 0 && s.ipv6.length === 0 && s.asnum.length === 0;
}

/** The families a claim marks 'inherit' (a trust anchor must have none: RFC 8630 §2.3). */
export function claimInherits(c: ClaimedResources): ResourceFamily[] {
  const own = { ipv4: c.ip?.ipv4, ipv6: c.ip?.ipv6, asnum: c.as?.asnum };
  return RESOURCE_FAMILIES.filter((f) => own[f] === 'inherit');
}

/**
 * Resolves a child's 'inherit' against its issuer's resolved resources (RFC 3779 §2.2.3.5, §3.2.3.3). A family that
 * inherits from an issuer holding none of it cannot be resolved (RFC 3779 §2.3, §3.3); it is listed in
 * `unresolved` and left empty. For a trust anchor pass an empty parent: any 'inherit' is then unresolved.
 */
export function resolveInherit(child: ClaimedResources, parent: ResourceSet): { resources: ResourceSet; unresolved: ResourceFamily[] } {
  const unresolved: ResourceFamily[] = [];
  const pick = <F extends ResourceFamily>(f: F, own: 'inherit' | ResourceSet[F] | undefined): ResourceSet[F] => {
    if (own === undefined) return [] as ResourceSet[F];
    if (own !== 'inherit') return own;
    if (parent[f].length === 0) unresolved.push(f);
    return parent[f];
  };
  const resources: ResourceSet = {
    ipv4: pick('ipv4', child.ip?.ipv4),
    ipv6: pick('ipv6', child.ip?.ipv6),
    asnum: pick('asnum', child.as?.asnum),
  };
  return { resources, unresolved };
}

export function ipContains(outer: readonly IpRange[], inner: readonly IpRange[]): boolean {
  return spans.contains(outer, inner);
}

export function asContains(outer: readonly AsRange[], inner: readonly AsRange[]): boolean {
  return spans.contains(outer, inner);
}

/** The addresses of `a` outside `b`. */
export function ipSubtract(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  return spans.subtract(a, b, succBig, predBig);
}

export function asSubtract(a: readonly AsRange[], b: readonly AsRange[]): AsRange[] {
  return spans.subtract(a, b, succNum, predNum);
}

export function ipIntersect(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  return spans.intersect(a, b);
}

export function asIntersect(a: readonly AsRange[], b: readonly AsRange[]): AsRange[] {
  return spans.intersect(a, b);
}

/**
 * What `inner` claims beyond `outer`, per family: empty everywhere when outer contains inner. These are the exact
 * uncovered parts (inner minus outer), so a finding can name the over-claimed resources rather than whole entries.
 */
export function resourcesContain(outer: ResourceSet, inner: ResourceSet): ResourceSet {
  return {
    ipv4: ipContains(outer.ipv4, inner.ipv4) ? [] : ipSubtract(inner.ipv4, outer.ipv4),
    ipv6: ipContains(outer.ipv6, inner.ipv6) ? [] : ipSubtract(inner.ipv6, outer.ipv6),
    asnum: asContains(outer.asnum, inner.asnum) ? [] : asSubtract(inner.asnum, outer.asnum),
  };
}

/** The resources held by both: under RFC 8360 a certificate is valid for the intersection of its set with its issuer's. */
export function intersectResources(a: ResourceSet, b: ResourceSet): ResourceSet {
  return { ipv4: ipIntersect(a.ipv4, b.ipv4), ipv6: ipIntersect(a.ipv6, b.ipv6), asnum: asIntersect(a.asnum, b.asnum) };
}

/** "192.0.2.0/24, 2001:db8::/32, AS64496-AS64511": for finding parameters and summaries; `limit` caps the entries. */
export function formatResourceSet(s: ResourceSet, limit = Infinity): string {
  const parts = [
    ...s.ipv4.map((r) => formatIpRange('ipv4', r)),
    ...s.ipv6.map((r) => formatIpRange('ipv6', r)),
    ...s.asnum.map(formatAsRange),
  ];
  if (parts.length === 0) return 'none';
  return parts.length > limit ? `${parts.slice(0, limit).join(', ')} and ${parts.length - limit} more` : parts.join(', ');
}
