/**
 * RFC 3779 resource extensions in the canonical form of §2.2.3.6 and §3.2.3.4 (sorted, merged, a range that is a
 * prefix written as a prefix), as RFC 6487 §4.8.10–4.8.11 require and OpenSSL's path validation checks.
 *
 *   IPAddrBlocks ::= SEQUENCE OF IPAddressFamily
 *   IPAddressFamily ::= SEQUENCE { addressFamily OCTET STRING (SIZE (2..3)), ipAddressChoice IPAddressChoice }
 *   IPAddressChoice ::= CHOICE { inherit NULL, addressesOrRanges SEQUENCE OF IPAddressOrRange }
 *   IPAddressOrRange ::= CHOICE { addressPrefix IPAddress, addressRange IPAddressRange }
 *   IPAddressRange ::= SEQUENCE { min IPAddress, max IPAddress }
 *   IPAddress ::= BIT STRING
 *
 *   ASIdentifiers ::= SEQUENCE { asnum [0] EXPLICIT ASIdentifierChoice OPTIONAL, rdi [1] EXPLICIT ... OPTIONAL }
 *   ASIdentifierChoice ::= CHOICE { inherit NULL, asIdsOrRanges SEQUENCE OF ASIdOrRange }
 *   ASIdOrRange ::= CHOICE { id ASId, range ASRange }
 *   ASRange ::= SEQUENCE { min ASId, max ASId }
 */
import { bitString, explicit, integer, nul, octetString, sequence, type DerNode } from '../der/writer.ts';
import type { AsFamily } from '../resources/as.ts';
import { afiBits, rangeToPrefix, type Afi, type IpFamily, type IpPrefix, type IpRange } from '../resources/ip.ts';
import { normaliseAs, normaliseIp, type ClaimedResources } from '../resources/resource-set.ts';

const AFI: Record<Afi, Uint8Array> = { ipv4: Uint8Array.of(0, 1), ipv6: Uint8Array.of(0, 2) };

/** RFC 3779 §2.2.3.8: the first `len` bits of `addr`, trailing bits of the last octet zero. */
export function ipAddressBits(afi: Afi, addr: bigint, len: number): DerNode {
  const width = afiBits(afi);
  const octets = Math.ceil(len / 8);
  const bytes = new Uint8Array(octets);
  const top = addr >> BigInt(width - octets * 8);
  for (let i = 0; i < octets; i++) bytes[i] = Number((top >> BigInt(8 * (octets - 1 - i))) & 0xffn);
  return bitString(bytes, octets * 8 - len);
}

/** An IPAddress for a prefix (RFC 9582 ROAIPAddress.address too). */
export function prefixBits(p: IpPrefix): DerNode {
  return ipAddressBits(p.afi, p.addr, p.len);
}

function trailing(v: bigint, bit: 0n | 1n, width: number): number {
  let n = 0;
  while (n < width && ((v >> BigInt(n)) & 1n) === bit) n++;
  return n;
}

/** RFC 3779 §2.2.3.9: min without its trailing zero bits, max without its trailing one bits. */
function rangeNode(afi: Afi, r: IpRange): DerNode {
  const width = afiBits(afi);
  const minLen = width - trailing(r.min, 0n, width);
  const maxLen = width - trailing(r.max, 1n, width);
  const maxBits = maxLen === width ? r.max : (r.max >> BigInt(width - maxLen)) << BigInt(width - maxLen);
  return sequence(ipAddressBits(afi, r.min, minLen), ipAddressBits(afi, maxBits, maxLen));
}

function ipFamily(afi: Afi, family: IpFamily): DerNode {
  if (family === 'inherit') return sequence(octetString(AFI[afi]), nul());
  const entries = normaliseIp(family).map((r) => {
    const p = rangeToPrefix(afi, r);
    return p ? prefixBits(p) : rangeNode(afi, r);
  });
  return sequence(octetString(AFI[afi]), sequence(...entries));
}

function asChoice(family: AsFamily): DerNode {
  if (family === 'inherit') return nul();
  return sequence(...normaliseAs(family).map((r) => (r.min === r.max ? integer(r.min) : sequence(integer(r.min), integer(r.max)))));
}

/** The IPAddrBlocks value (extnValue contents), IPv4 before IPv6 (§2.2.3.3), or undefined when there is none. */
export function ipAddrBlocks(resources: ClaimedResources): DerNode | undefined {
  const ip = resources.ip;
  if (!ip || (ip.ipv4 === undefined && ip.ipv6 === undefined)) return undefined;
  const families: DerNode[] = [];
  if (ip.ipv4 !== undefined) families.push(ipFamily('ipv4', ip.ipv4));
  if (ip.ipv6 !== undefined) families.push(ipFamily('ipv6', ip.ipv6));
  return sequence(...families);
}

/** The ASIdentifiers value (extnValue contents), asnum only (RFC 6487 §4.8.11), or undefined when there is none. */
export function asIdentifiers(resources: ClaimedResources): DerNode | undefined {
  const asnum = resources.as?.asnum;
  return asnum === undefined ? undefined : sequence(explicit(0, asChoice(asnum)));
}
