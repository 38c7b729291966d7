/**
 * Signed Prefix List, draft-ietf-sidrops-rpki-prefixlist (EXPLICIT TAGS).
 *
 *   RpkiSignedPrefixList ::= SEQUENCE {
 *     version [0]     INTEGER (0..MAX) DEFAULT 0,
 *     asID            INTEGER (1..4294967295),
 *     prefixBlocks    SEQUENCE (SIZE(0..2)) OF AddressFamilyAddressPrefixes }
 *   AddressFamilyAddressPrefixes ::= SEQUENCE {
 *     addressFamily   OCTET STRING (SIZE(2)),   -- '0001'H IPv4, '0002'H IPv6
 *     addressPrefixes SEQUENCE (SIZE(1..MAX)) OF AddressPrefix }
 *   AddressPrefix ::= BIT STRING (SIZE(0..32 | 0..128))   -- RFC 3779 §2.2.3.8
 */
import { Tag, type DerReader } from '../der/reader.ts';
import { hex, readInt, readOctets } from '../der/values.ts';
import { Findings, decodeWith, type Decoded } from '../report/finding.ts';
import { AS_MAX } from '../resources/as.ts';
import { decodeIpAddress, formatPrefix, type Afi, type IpPrefix } from '../resources/ip.ts';
import { readAfi } from './roa.ts';
import {
  EContentType,
  checkVersion,
  decodeEContent,
  checkAsOnlyEe,
  inspectSignedObject,
  readEContentVersion,
  readSignedContent,
  type SignedObject,
} from './signed-object.ts';

export interface AddressFamilyAddressPrefixes {
  afi: Afi;
  prefixes: IpPrefix[];
}

export interface RpkiSignedPrefixList {
  version: number;
  asId: number;
  prefixBlocks: AddressFamilyAddressPrefixes[];
}

export interface Spl extends RpkiSignedPrefixList {
  signedObject: SignedObject;
}

export function decodeSpl(bytes: Uint8Array): Decoded<Spl> {
  const findings = new Findings();
  return decodeWith(findings, () => readSpl(bytes, findings));
}

/** A bare signed prefix list eContent (the DER inside the signed object). */
export function decodeSplContent(bytes: Uint8Array): Decoded<RpkiSignedPrefixList> {
  return decodeEContent(bytes, readPrefixList);
}

/** decodeSpl's body for callers that want the value even when it has errors. Throws Reject. */
export function readSpl(bytes: Uint8Array, findings: Findings): Spl {
  return readSignedContent(bytes, findings, EContentType.spl, (signedObject, r) => ({
    signedObject,
    ...readPrefixList(r, findings),
  }));
}

function readPrefixList(top: DerReader, findings: Findings): RpkiSignedPrefixList {
  const seq = top.expect(Tag.SEQUENCE, 'RpkiSignedPrefixList');
  top.finish();
  const r = seq.children();
  // §3.1 version: 0
  const v = readEContentVersion(r, findings);
  checkVersion(v, 0, 'spl.version.invalid', findings);
  // §3.2 asID: 1..4294967295
  const asTlv = r.expect(Tag.INTEGER, 'asID');
  const asId = readInt(asTlv, 0, AS_MAX);
  if (asId === 0) findings.add('spl.as-id.zero', {}, asTlv.range);
  // §3.3 prefixBlocks: at most two families, ascending, each once
  const blocks = r.expect(Tag.SEQUENCE, 'prefixBlocks');
  r.finish();
  const prefixBlocks: AddressFamilyAddressPrefixes[] = [];
  for (const ft of blocks.children().each('AddressFamilyAddressPrefixes')) {
    if (ft.tag !== Tag.SEQUENCE) ft.reject('expected AddressFamilyAddressPrefixes');
    const fr = ft.children();
    const afTlv = fr.expect(Tag.OCTET_STRING, 'addressFamily');
    const afi = readAfi(afTlv);
    const listTlv = fr.expect(Tag.SEQUENCE, 'addressPrefixes');
    fr.finish();
    if (!afi) {
      findings.add('spl.address-family.invalid', { afi: hex(readOctets(afTlv)) }, afTlv.range);
      continue;
    }
    const prev = prefixBlocks[prefixBlocks.length - 1];
    if (prev && (prev.afi === afi || afi === 'ipv4')) findings.add('spl.address-family.order', { afi }, ft.range);
    // §3.3.2 canonical form: ascending by address, then prefix length; no duplicates
    const prefixes: IpPrefix[] = [];
    for (const pt of listTlv.children().each('AddressPrefix')) {
      const p = decodeIpAddress(pt, afi);
      const last = prefixes[prefixes.length - 1];
      if (last && (last.addr > p.addr || (last.addr === p.addr && last.len >= p.len))) {
        findings.add('spl.prefixes.not-canonical', { prefix: formatPrefix(p) }, pt.range);
      }
      prefixes.push(p);
    }
    if (prefixes.length === 0) findings.add('spl.address-prefixes.empty', { afi }, listTlv.range);
    prefixBlocks.push({ afi, prefixes });
  }
  if (prefixBlocks.length > 2) findings.add('spl.prefix-blocks.size', { count: prefixBlocks.length }, blocks.range);
  return { version: v.version, asId, prefixBlocks };
}

/** The validation section of the draft on the EE certificate (after the RFC 6488 checks). */
export function inspectSpl(spl: Spl, findings: Findings): void {
  const so = spl.signedObject;
  inspectSignedObject(so, findings);
  checkAsOnlyEe(so, spl.asId, findings, {
    ipPresent: 'spl.ee.ip-resources.present',
    asMissing: 'spl.ee.as-resources.missing',
    asInherit: 'spl.ee.as-resources.inherit',
    outside: 'spl.as-id.outside-ee',
  });
}
