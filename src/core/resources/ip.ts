/**
 * IP addresses, prefixes and ranges of RFC 3779 §2, held as unsigned bigints (32 bits for IPv4, 128 for IPv6).
 *
 *   IPAddress ::= BIT STRING   -- RFC 3779 §2.2.3.8: the prefix bits, most significant first (§2.1.1)
 *
 * Text forms: dotted quad for IPv4, RFC 5952 §4 for IPv6 (lowercase hex, no leading zeros, the longest run of two
 * or more zero groups shortened to "::", the first such run on a tie).
 */
import { Reject } from '../report/finding.ts';
import { Tag, type Tlv } from '../der/reader.ts';
import { readBitString, type BitString } from '../der/values.ts';
import { requireTag } from './choice.ts';

export type Afi = 'ipv4' | 'ipv6';
/** addr: network address as unsigned integer (32 or 128 bits), host bits zero */
export interface IpPrefix {
  afi: Afi;
  addr: bigint;
  len: number;
}
/** Inclusive, within one family. */
export interface IpRange {
  min: bigint;
  max: bigint;
}
/** Ranges sorted, merged, non-adjacent. */
export type IpFamily = 'inherit' | IpRange[];
/** An absent family holds no resources of that family. */
export interface IpResources {
  ipv4?: IpFamily;
  ipv6?: IpFamily;
}

export function afiBits(afi: Afi): 32 | 128 {
  return afi === 'ipv4' ? 32 : 128;
}

const masks = { ipv4: [] as bigint[], ipv6: [] as bigint[] };
for (let host = 0; host <= 128; host++) {
  const m = (1n << BigInt(host)) - 1n;
  if (host <= 32) masks.ipv4[32 - host] = m;
  masks.ipv6[128 - host] = m;
}

/** The host bits of a prefix of length `len` (0 ≤ len ≤ 32 or 128) set to one. */
export function hostMask(afi: Afi, len: number): bigint {
  return masks[afi][len];
}

export function prefixToRange(p: IpPrefix): IpRange {
  return { min: p.addr, max: p.addr | hostMask(p.afi, p.len) };
}

/** The prefix that covers exactly `r`, if there is one. */
export function rangeToPrefix(afi: Afi, r: IpRange): IpPrefix | undefined {
  const size = r.max - r.min + 1n;
  if (size <= 0n || (size & (size - 1n)) !== 0n || (r.min & (size - 1n)) !== 0n) return undefined;
  return { afi, addr: r.min, len: afiBits(afi) - (size.toString(2).length - 1) };
}

/** The fewest prefixes that cover exactly `r`, in address order (at most 2·bits of them). */
export function rangeToPrefixes(afi: Afi, r: IpRange): IpPrefix[] {
  const bits = afiBits(afi);
  const out: IpPrefix[] = [];
  let lo = r.min;
  while (lo <= r.max) {
    let host = 0;
    while (host < bits && ((lo >> BigInt(host)) & 1n) === 0n && lo + (1n << BigInt(host + 1)) - 1n <= r.max) host++;
    out.push({ afi, addr: lo, len: bits - host });
    lo += 1n << BigInt(host);
  }
  return out;
}

/**
 * Reads an IPAddress BIT STRING and checks it fits the family: at most 32 bits for IPv4, 128 for IPv6
 * (RFC 3779 §2.2.3.8). X.690 canonical form (unused bits ≤ 7 and zero) is checked by readBitString.
 */
export function readIpBits(t: Tlv, afi: Afi): BitString {
  requireTag(t, Tag.BIT_STRING, t.field);
  const bs = readBitString(t);
  if (bs.bits > afiBits(afi)) {
    throw new Reject('resources.ip.address-too-long', { field: t.field, afi, bits: bs.bits, max: afiBits(afi) }, t.range);
  }
  return bs;
}

/** The address a bit string denotes, the bits beyond it all zero (a prefix, a range minimum) or all one (a maximum). */
export function bitsToAddress(bs: BitString, afi: Afi, fillOnes: boolean): bigint {
  const { bytes } = bs;
  let v = 0n;
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    v = (v << 32n) | BigInt(((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0);
  }
  for (; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[i]);
  v <<= BigInt(afiBits(afi) - bytes.length * 8);
  return fillOnes ? v | hostMask(afi, bs.bits) : v;
}

/** An IPAddress BIT STRING as a prefix (RFC 3779 §2.1.1; also RFC 9582 ROAIPAddress.address). */
export function decodeIpAddress(t: Tlv, afi: Afi): IpPrefix {
  const bs = readIpBits(t, afi);
  return { afi, addr: bitsToAddress(bs, afi, false), len: bs.bits };
}

export function formatIp(afi: Afi, addr: bigint): string {
  if (afi === 'ipv4') {
    const n = Number(addr);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((addr >> shift) & 0xffffn));
  // RFC 5952 §4.2: compress the longest run of ≥ 2 zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

export function formatPrefix(p: IpPrefix): string {
  return `${formatIp(p.afi, p.addr)}/${p.len}`;
}

/** A range as a prefix when it is one, else "min-max" (the form OpenSSL prints). */
export function formatIpRange(afi: Afi, r: IpRange): string {
  const p = rangeToPrefix(afi, r);
  return p ? formatPrefix(p) : `${formatIp(afi, r.min)}-${formatIp(afi, r.max)}`;
}

function bad(s: string): never {
  throw new Error(`not an IP address or prefix: "${s}"`);
}

function parseIpv4(s: string, whole: string): bigint {
  const parts = s.split('.');
  if (parts.length !== 4) bad(whole);
  let v = 0;
  for (const p of parts) {
    // No leading zeros: "010" reads as octal in some tools and as decimal in others.
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) bad(whole);
    v = v * 256 + Number(p);
  }
  return BigInt(v);
}

function parseIpv6(s: string, whole: string): bigint {
  const halves = s.split('::');
  if (halves.length > 2) bad(whole);
  const groups = (h: string): number[] => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    parts.forEach((p, i) => {
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = Number(parseIpv4(p, whole));
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else bad(whole);
    });
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (halves.length === 2 ? head.length + tail.length > 7 : head.length !== 8) bad(whole);
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  return all.reduce((v, g) => (v << 16n) | BigInt(g), 0n);
}

/** Parses "192.0.2.1" or "2001:db8::1" (a trailing dotted quad is allowed in IPv6). Throws on bad input. */
export function parseIp(s: string): { afi: Afi; addr: bigint } {
  const t = s.trim();
  return t.includes(':') ? { afi: 'ipv6', addr: parseIpv6(t, s) } : { afi: 'ipv4', addr: parseIpv4(t, s) };
}

/**
 * Parses "192.0.2.0/24" or "2001:db8::/32"; a bare address is a full-length prefix. Throws on bad input,
 * including host bits set below the length, so that parsePrefix(formatPrefix(p)) is p and nothing else parses.
 */
export function parsePrefix(s: string): IpPrefix {
  const m = /^\s*([^/\s]+)(?:\/(\d{1,3}))?\s*$/.exec(s);
  if (!m) bad(s);
  const { afi, addr } = parseIp(m[1]);
  const len = m[2] === undefined ? afiBits(afi) : Number(m[2]);
  if (len > afiBits(afi) || (m[2] !== undefined && m[2].length > 1 && m[2][0] === '0')) bad(s);
  if ((addr & hostMask(afi, len)) !== 0n) throw new Error(`host bits are set below the prefix length: "${s}"`);
  return { afi, addr, len };
}
