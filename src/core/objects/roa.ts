/**
 * Route Origin Authorization, RFC 9582.
 *
 *   RouteOriginAttestation ::= SEQUENCE {
 *     version [0]   INTEGER DEFAULT 0,
 *     asID          ASID,
 *     ipAddrBlocks  SEQUENCE (SIZE(1..2)) OF ROAIPAddressFamily }
 *   ASID ::= INTEGER (0..4294967295)
 *   ROAIPAddressFamily ::= SEQUENCE {
 *     addressFamily OCTET STRING (SIZE(2)),   -- '0001'H IPv4, '0002'H IPv6
 *     addresses     SEQUENCE (SIZE(1..MAX)) OF ROAIPAddress }
 *   ROAIPAddress ::= SEQUENCE {
 *     address       BIT STRING (SIZE(0..len)),   -- RFC 3779 §2.2.3.8 IPAddress
 *     maxLength     INTEGER (0..len) OPTIONAL }
 *
 * The module uses EXPLICIT TAGS. An absent maxLength means the prefix length (§4.3.2.2).
 */
import { Tag, type DerReader, type Tlv } from '../der/reader.ts';
import { hex, readInt, readOctets } from '../der/values.ts';
import { Findings, Reject, decodeWith, type ByteRange, type Decoded } from '../report/finding.ts';
import { AS_MAX } from '../resources/as.ts';
import { decodeIpAddress, formatPrefix, prefixToRange, type Afi, type IpPrefix } from '../resources/ip.ts';
import { ipContains } from '../resources/resource-set.ts';
import {
  EContentType,
  checkVersion,
  decodeEContent,
  inspectSignedObject,
  readEContentVersion,
  readSignedContent,
  type SignedObject,
} from './signed-object.ts';

export interface ROAIPAddress {
  prefix: IpPrefix;
  /** As encoded; absent means the prefix length. */
  maxLength?: number;
  range: ByteRange;
}

export interface ROAIPAddressFamily {
  afi: Afi;
  addresses: ROAIPAddress[];
}

export interface RouteOriginAttestation {
  version: number;
  asId: number;
  ipAddrBlocks: ROAIPAddressFamily[];
}

export interface Roa extends RouteOriginAttestation {
  signedObject: SignedObject;
}

/** A Validated ROA Payload (RFC 6811 §2): one origin AS, one prefix, one maximum length. */
export interface Vrp {
  asn: number;
  prefix: IpPrefix;
  maxLength: number;
}

export function decodeRoa(bytes: Uint8Array): Decoded<Roa> {
  const findings = new Findings();
  return decodeWith(findings, () => readRoa(bytes, findings));
}

/** A bare ROA eContent (the DER inside the signed object). */
export function decodeRoaContent(bytes: Uint8Array): Decoded<RouteOriginAttestation> {
  return decodeEContent(bytes, readRouteOriginAttestation);
}

/** decodeRoa's body for callers that want the value even when it has errors. Throws Reject. */
export function readRoa(bytes: Uint8Array, findings: Findings): Roa {
  return readSignedContent(bytes, findings, EContentType.roa, (signedObject, r) => ({
    signedObject,
    ...readRouteOriginAttestation(r, findings),
  }));
}

function readRouteOriginAttestation(top: DerReader, findings: Findings): RouteOriginAttestation {
  const seq = top.expect(Tag.SEQUENCE, 'RouteOriginAttestation');
  top.finish();
  const r = seq.children();
  // §4.1 version: 0
  const v = readEContentVersion(r, findings);
  checkVersion(v, 0, 'roa.version.invalid', findings);
  // §4.2 asID
  const asId = readInt(r.expect(Tag.INTEGER, 'asID'), 0, AS_MAX);
  // §4.3 ipAddrBlocks: one or two families
  const blocks = r.expect(Tag.SEQUENCE, 'ipAddrBlocks');
  r.finish();
  const ipAddrBlocks: ROAIPAddressFamily[] = [];
  for (const ft of blocks.children().each('ROAIPAddressFamily')) {
    if (ft.tag !== Tag.SEQUENCE) ft.reject('expected a ROAIPAddressFamily');
    const fr = ft.children();
    // §4.3.1 addressFamily: 0001 or 0002, no SAFI; one instance per AFI
    const afTlv = fr.expect(Tag.OCTET_STRING, 'addressFamily');
    const afi = readAfi(afTlv);
    if (!afi) throw new Reject('roa.address-family.invalid', { afi: hex(readOctets(afTlv)) }, afTlv.range);
    if (ipAddrBlocks.some((f) => f.afi === afi)) findings.add('roa.address-family.duplicate', { afi }, ft.range);
    const addressesTlv = fr.expect(Tag.SEQUENCE, 'addresses');
    fr.finish();
    const addresses: ROAIPAddress[] = [];
    for (const at of addressesTlv.children().each('ROAIPAddress')) {
      if (at.tag !== Tag.SEQUENCE) at.reject('expected a ROAIPAddress');
      addresses.push(readRoaIpAddress(at.children(), afi, at.range, findings));
    }
    if (addresses.length === 0) findings.add('roa.addresses.empty', { afi }, addressesTlv.range);
    ipAddrBlocks.push({ afi, addresses });
  }
  if (ipAddrBlocks.length < 1 || ipAddrBlocks.length > 2) {
    findings.add('roa.ip-addr-blocks.size', { count: ipAddrBlocks.length }, blocks.range);
  }
  checkCanonical(ipAddrBlocks, findings);
  return { version: v.version, asId, ipAddrBlocks };
}

/** An AFI of exactly two octets, 0001 or 0002 (no SAFI), as ROAs and signed prefix lists encode it. */
export function readAfi(t: Tlv): Afi | undefined {
  const af = readOctets(t);
  if (af.length !== 2 || af[0] !== 0) return undefined;
  return af[1] === 1 ? 'ipv4' : af[1] === 2 ? 'ipv6' : undefined;
}

function readRoaIpAddress(r: DerReader, afi: Afi, range: ByteRange, findings: Findings): ROAIPAddress {
  // §4.3.2.1 address: RFC 3779 §2.2.3.8, at most 32 or 128 bits
  const prefix = decodeIpAddress(r.expect(Tag.BIT_STRING, 'address'), afi);
  const maxTlv = r.optional(Tag.INTEGER, 'maxLength');
  r.finish();
  // §4.3.1: IPv4 prefixes never as IPv4-mapped IPv6 addresses (RFC 4291 §2.5.5.2, ::ffff:0:0/96)
  if (afi === 'ipv6' && prefix.len >= 96 && prefix.addr >> 32n === 0xffffn) {
    findings.add('roa.prefix.ipv4-mapped', { prefix: formatPrefix(prefix) }, range);
  }
  if (!maxTlv) return { prefix, range };
  // §4.3.2.2 maxLength: prefix length ≤ maxLength ≤ 32 / 128; SHOULD NOT be encoded when equal to the length
  const maxLength = readInt(maxTlv, 0);
  const max = afi === 'ipv4' ? 32 : 128;
  if (maxLength > max || maxLength <= prefix.len) {
    const params = { prefix: formatPrefix(prefix), maxLength };
    if (maxLength > max) findings.add('roa.max-length.too-large', { ...params, max }, maxTlv.range);
    else if (maxLength < prefix.len) findings.add('roa.max-length.below-prefix', params, maxTlv.range);
    else findings.once('roa.max-length.superfluous', params, maxTlv.range);
  }
  return { prefix, maxLength, range };
}

/**
 * §4.3.3 canonical form: entries ordered by (AFI, address, prefix length, maxLength), without duplicates. It is a
 * SHOULD; §4.3.2.3 allows a repeated prefix but does not recommend it.
 */
function checkCanonical(families: ROAIPAddressFamily[], findings: Findings): void {
  let sorted = true;
  let prev: ROAIPAddress | undefined;
  let prevAfi: Afi | undefined;
  for (const f of families) {
    for (const a of f.addresses) {
      if (sorted && prev && compareEntries(prevAfi, prev, f.afi, a) > 0) {
        sorted = false;
        findings.add('roa.ip-addr-blocks.not-canonical', { prefix: formatPrefix(a.prefix) }, a.range);
      }
      prev = a;
      prevAfi = f.afi;
    }
  }
  // In canonical order a repeated prefix sits next to its first occurrence; otherwise look it up.
  const seen = new Set<string>();
  prev = undefined;
  prevAfi = undefined;
  for (const f of families) {
    for (const a of f.addresses) {
      let repeated: boolean;
      if (sorted) repeated = prevAfi === f.afi && prev?.prefix.addr === a.prefix.addr && prev.prefix.len === a.prefix.len;
      else {
        const key = `${f.afi}/${a.prefix.addr}/${a.prefix.len}`;
        repeated = seen.has(key);
        seen.add(key);
      }
      if (repeated) findings.add('roa.prefix.duplicate', { prefix: formatPrefix(a.prefix) }, a.range);
      prev = a;
      prevAfi = f.afi;
    }
  }
}

function compareEntries(afiA: Afi | undefined, a: ROAIPAddress, afiB: Afi, b: ROAIPAddress): number {
  if (afiA !== afiB) return afiA === 'ipv4' ? -1 : 1;
  if (a.prefix.addr !== b.prefix.addr) return a.prefix.addr < b.prefix.addr ? -1 : 1;
  if (a.prefix.len !== b.prefix.len) return a.prefix.len - b.prefix.len;
  return (a.maxLength ?? a.prefix.len) - (b.maxLength ?? b.prefix.len);
}

/** The VRPs of a ROA, in encoding order; an absent maxLength is the prefix length (RFC 9582 §4.3.2.2). */
export function roaVrps(roa: RouteOriginAttestation): Vrp[] {
  const out: Vrp[] = [];
  for (const f of roa.ipAddrBlocks) {
    for (const a of f.addresses) out.push({ asn: roa.asId, prefix: a.prefix, maxLength: a.maxLength ?? a.prefix.len });
  }
  return out;
}

/**
 * RFC 9582 §5 checks on the ROA and its EE certificate (after the RFC 6488 ones): IP resources present and
 * explicit, every prefix within them, no AS resources.
 */
export function inspectRoa(roa: Roa, findings: Findings): void {
  const so = roa.signedObject;
  inspectSignedObject(so, findings);
  const { ee, eeRange } = so;
  if (ee.asResources) findings.add('roa.ee.as-resources.present', {}, eeRange);
  const ip = ee.ipResources?.resources;
  if (!ip) {
    findings.add('roa.ee.ip-resources.missing', {}, eeRange);
    return;
  }
  if (ip.ipv4 === 'inherit' || ip.ipv6 === 'inherit') {
    findings.add('roa.ee.ip-resources.inherit', {}, eeRange);
    return;
  }
  for (const f of roa.ipAddrBlocks) {
    const held = ip[f.afi];
    for (const a of f.addresses) {
      if (held === 'inherit' || !held || !ipContains(held, [prefixToRange(a.prefix)])) {
        findings.add('roa.prefix.outside-ee', { prefix: formatPrefix(a.prefix) }, a.range);
      }
    }
  }
}
