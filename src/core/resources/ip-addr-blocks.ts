/**
 * The IP Address Delegation extension (id-pe-ipAddrBlocks, 1.3.6.1.5.5.7.1.7) of RFC 3779 §2.2.3, with the RPKI
 * profile of RFC 6487 §4.8.10.
 *
 *   IPAddrBlocks        ::= SEQUENCE OF IPAddressFamily
 *   IPAddressFamily     ::= SEQUENCE {    -- AFI & optional SAFI --
 *      addressFamily        OCTET STRING (SIZE (2..3)),
 *      ipAddressChoice      IPAddressChoice }
 *   IPAddressChoice     ::= CHOICE {
 *      inherit              NULL, -- inherit from issuer --
 *      addressesOrRanges    SEQUENCE OF IPAddressOrRange }
 *   IPAddressOrRange    ::= CHOICE {
 *      addressPrefix        IPAddress,
 *      addressRange         IPAddressRange }
 *   IPAddressRange      ::= SEQUENCE {
 *      min                  IPAddress,
 *      max                  IPAddress }
 *   IPAddress           ::= BIT STRING
 */
import { Reject, type ByteRange, type Findings, type Params } from '../report/finding.ts';
import type { FindingCode } from '../report/catalog.ts';
import { Tag, type Tlv } from '../der/reader.ts';
import { readNull, readOctets, type BitString } from '../der/values.ts';
import { readChoice, requireTag, unexpectedChoice } from './choice.ts';
import {
  bitsToAddress,
  decodeIpAddress,
  formatIp,
  formatIpRange,
  formatPrefix,
  prefixToRange,
  rangeToPrefix,
  readIpBits,
  type Afi,
  type IpFamily,
  type IpPrefix,
  type IpRange,
  type IpResources,
} from './ip.ts';
import { normaliseIp } from './resource-set.ts';
import { encodingIssues } from './spans.ts';

/** One entry as encoded, for display: a prefix or a range */
export type IpAddressOrRange = { kind: 'prefix'; prefix: IpPrefix } | { kind: 'range'; min: bigint; max: bigint };

export interface IpAddressFamily {
  afi: Afi;
  safi?: number;
  choice: 'inherit' | IpAddressOrRange[];
}

export interface IpAddrBlocks {
  /** The families as encoded (those with an AFI other than IPv4 and IPv6 are reported and left out). */
  families: IpAddressFamily[];
  /** Per family: 'inherit' or the normalised ranges. */
  resources: IpResources;
}

export interface AddressFamily {
  afiNumber: number;
  /** Undefined for AFIs other than 1 (IPv4) and 2 (IPv6). */
  afi?: Afi;
  safi?: number;
}

/** RFC 3779 §2.2.3.3: a two-octet AFI in network byte order, optionally followed by a one-octet SAFI. */
export function readAddressFamily(t: Tlv): AddressFamily {
  requireTag(t, Tag.OCTET_STRING, t.field);
  const b = readOctets(t);
  if (b.length < 2 || b.length > 3) throw new Reject('resources.ip.afi-invalid', { length: b.length }, t.range);
  const afiNumber = (b[0] << 8) | b[1];
  const out: AddressFamily = { afiNumber };
  if (afiNumber === 1) out.afi = 'ipv4';
  else if (afiNumber === 2) out.afi = 'ipv6';
  if (b.length === 3) out.safi = b[2];
  return out;
}

function compareOctets(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The last significant bit of a bit string, or undefined when it has none. */
function lastBit(bs: BitString): number | undefined {
  return bs.bits === 0 ? undefined : (bs.bytes[bs.bytes.length - 1] >> bs.unused) & 1;
}

export function decodeIpAddrBlocks(t: Tlv, findings: Findings): IpAddrBlocks {
  requireTag(t, Tag.SEQUENCE, 'IPAddrBlocks');
  const families: IpAddressFamily[] = [];
  const resources: IpResources = {};
  const r = t.children('IPAddrBlocks');
  // RFC 6487 §4.8.10: a non-empty set of addresses, or inherit.
  if (r.atEnd) findings.add('resources.ip.empty', { family: 'any family' }, t.range);
  let prev: Uint8Array | undefined;
  const seen = new Set<string>();
  for (const ft of r.each('IPAddressFamily')) {
    requireTag(ft, Tag.SEQUENCE, 'IPAddressFamily');
    const fr = ft.children('IPAddressFamily');
    const aft = fr.expect(Tag.OCTET_STRING, 'addressFamily');
    const af = readAddressFamily(aft);
    const choice = readChoice(fr, 'ipAddressChoice', 'NULL or SEQUENCE');
    fr.finish();
    const octets = readOctets(aft);
    const name = af.afi ?? `AFI ${af.afiNumber}`;
    // §2.2.3.3: one IPAddressFamily per AFI and SAFI, in ascending order of addressFamily (no SAFI first). SAFIs
    // being forbidden here, a second entry for an AFI is a duplicate whatever its SAFI.
    if (seen.has(name)) findings.add('resources.ip.family-duplicate', { family: name }, ft.range);
    else if (prev && compareOctets(prev, octets) > 0) findings.add('resources.ip.family-order', { family: name }, ft.range);
    seen.add(name);
    prev = octets;
    if (!af.afi) {
      findings.add('resources.ip.afi-unknown', { afi: af.afiNumber }, aft.range);
      continue;
    }
    // RFC 6487 §4.8.10: SAFIs MUST NOT be used.
    if (af.safi !== undefined) findings.add('resources.ip.safi-present', { family: af.afi, safi: af.safi }, aft.range);
    const family = decodeChoice(choice, af.afi, findings);
    if (af.safi !== undefined) family.entry.safi = af.safi;
    families.push(family.entry);
    resources[af.afi] ??= family.resources;
  }
  return { families, resources };
}

function decodeChoice(t: Tlv, afi: Afi, findings: Findings): { entry: IpAddressFamily; resources: IpFamily } {
  if (t.tag === Tag.NULL) {
    readNull(t);
    return { entry: { afi, choice: 'inherit' }, resources: 'inherit' };
  }
  if (t.tag !== Tag.SEQUENCE) unexpectedChoice(t, 'ipAddressChoice', 'NULL or SEQUENCE');
  // Findings per family: one of each kind, so a hostile list of a million bad entries yields a handful.
  const reported = new Set<FindingCode>();
  const report = (code: FindingCode, params: Params, at: ByteRange) => {
    if (reported.has(code)) return;
    reported.add(code);
    findings.add(code, params, at);
  };
  const entries: IpAddressOrRange[] = [];
  const spans: IpRange[] = [];
  const tlvs: Tlv[] = [];
  for (const e of t.children('addressesOrRanges').each('IPAddressOrRange')) {
    if (e.tag === Tag.BIT_STRING) {
      const prefix = decodeIpAddress(e, afi);
      entries.push({ kind: 'prefix', prefix });
      spans.push(prefixToRange(prefix));
      tlvs.push(e);
      continue;
    }
    if (e.tag !== Tag.SEQUENCE) unexpectedChoice(e, 'IPAddressOrRange', 'BIT STRING or SEQUENCE');
    const rr = e.children('IPAddressRange');
    const minBits = readIpBits(rr.expect(Tag.BIT_STRING, 'min'), afi);
    const maxBits = readIpBits(rr.expect(Tag.BIT_STRING, 'max'), afi);
    rr.finish();
    const range: IpRange = { min: bitsToAddress(minBits, afi, false), max: bitsToAddress(maxBits, afi, true) };
    const text = () => `${formatIp(afi, range.min)}-${formatIp(afi, range.max)}`;
    // §2.2.3.9: the minimum drops its trailing zero bits, the maximum its trailing one bits.
    const loose = [lastBit(minBits) === 0 ? 'min' : '', lastBit(maxBits) === 1 ? 'max' : ''].filter(Boolean);
    if (loose.length > 0) report('resources.ip.range-bound-not-minimal', { bound: loose.join(' and '), range: text() }, e.range);
    if (range.min > range.max) {
      report('resources.ip.range-reversed', { min: formatIp(afi, range.min), max: formatIp(afi, range.max) }, e.range);
      continue;
    }
    // §2.2.3.6: a range that is a prefix is encoded as that prefix.
    const asPrefix = rangeToPrefix(afi, range);
    if (asPrefix) report('resources.ip.range-is-prefix', { range: text(), prefix: formatPrefix(asPrefix) }, e.range);
    entries.push({ kind: 'range', ...range });
    spans.push(range);
    tlvs.push(e);
  }
  // RFC 6487 §4.8.10: an explicit list must not be empty.
  if (t.length === 0) report('resources.ip.empty', { family: afi }, t.range);
  // §2.2.3.6: sorted, not overlapping, contiguous entries combined.
  for (const { issue, index } of encodingIssues(spans, (x) => x + 1n)) {
    const params = { family: afi, previous: formatIpRange(afi, spans[index - 1]), entry: formatIpRange(afi, spans[index]) };
    report(`resources.ip.${issue}`, params, tlvs[index].range);
  }
  return { entry: { afi, choice: entries }, resources: normaliseIp(spans) };
}
