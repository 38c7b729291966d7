/**
 * Route Origin Authorization content, RFC 9582 §4, in the canonical form of §4.3.3 (IPv4 before IPv6, entries in
 * address order), maxLength omitted when it equals the prefix length (§4.3.2.2).
 *
 *   RouteOriginAttestation ::= SEQUENCE { version [0] INTEGER DEFAULT 0, asID ASID,
 *     ipAddrBlocks SEQUENCE (SIZE(1..2)) OF ROAIPAddressFamily }
 *   ROAIPAddressFamily ::= SEQUENCE { addressFamily OCTET STRING (SIZE(2)), addresses SEQUENCE OF ROAIPAddress }
 *   ROAIPAddress ::= SEQUENCE { address IPAddress, maxLength INTEGER OPTIONAL }
 */
import { encode, integer, octetString, sequence, type DerNode } from '../der/writer.ts';
import type { Afi, IpPrefix } from '../resources/ip.ts';
import { prefixBits } from './resources.ts';

export interface RoaPrefix {
  prefix: IpPrefix;
  /** Absent: the prefix length. Written as given, so a test can encode a maxLength below the prefix length. */
  maxLength?: number;
}

export interface RoaContent {
  asId: number;
  prefixes: RoaPrefix[];
}

const AFI: Record<Afi, Uint8Array> = { ipv4: Uint8Array.of(0, 1), ipv6: Uint8Array.of(0, 2) };

function compare(a: RoaPrefix, b: RoaPrefix): number {
  const p = a.prefix;
  const q = b.prefix;
  if (p.addr !== q.addr) return p.addr < q.addr ? -1 : 1;
  if (p.len !== q.len) return p.len - q.len;
  return (a.maxLength ?? p.len) - (b.maxLength ?? q.len);
}

/** The eContent DER. The version is the default 0 and therefore absent (X.690 §11.5). */
export function roaContent(roa: RoaContent): Uint8Array {
  const families: DerNode[] = [];
  for (const afi of ['ipv4', 'ipv6'] as const) {
    const entries = roa.prefixes.filter((p) => p.prefix.afi === afi).sort(compare);
    if (!entries.length) continue;
    const addresses = entries.map((e) =>
      e.maxLength === undefined || e.maxLength === e.prefix.len ? sequence(prefixBits(e.prefix)) : sequence(prefixBits(e.prefix), integer(e.maxLength)),
    );
    families.push(sequence(octetString(AFI[afi]), sequence(...addresses)));
  }
  return encode(sequence(integer(roa.asId), sequence(...families)));
}
