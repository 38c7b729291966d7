/**
 * RPKI Signed Checklist, RFC 9323 (EXPLICIT TAGS).
 *
 *   RpkiSignedChecklist ::= SEQUENCE {
 *     version  [0]     INTEGER DEFAULT 0,
 *     resources        ResourceBlock,
 *     digestAlgorithm  DigestAlgorithmIdentifier,
 *     checkList        SEQUENCE (SIZE(1..MAX)) OF FileNameAndHash }
 *   FileNameAndHash ::= SEQUENCE { fileName FileName OPTIONAL, hash Digest }
 *   FileName ::= IA5String (FROM("a".."z" | "A".."Z" | "0".."9" | "." | "_" | "-"))
 *   ResourceBlock ::= SEQUENCE {
 *     asID         [0] ConstrainedASIdentifiers OPTIONAL,   -- RFC 3779 ASIdentifiers, no inherit, no rdi
 *     ipAddrBlocks [1] ConstrainedIPAddrBlocks OPTIONAL }   -- RFC 3779 IPAddrBlocks, no inherit
 *     -- at least one of asID or ipAddrBlocks MUST be present
 */
import { Tag, ctx, type DerReader, type Tlv } from '../der/reader.ts';
import { readIa5, readOctets } from '../der/values.ts';
import { Findings, decodeWith, type Decoded } from '../report/finding.ts';
import { decodeAsIdentifiers, type AsIdentifiers } from '../resources/as-identifiers.ts';
import { decodeIpAddrBlocks, type IpAddrBlocks } from '../resources/ip-addr-blocks.ts';
import { formatResourceSet, isEmptySet, resourcesContain, type ResourceSet } from '../resources/resource-set.ts';
import {
  EContentType,
  SHA256,
  checkVersion,
  readSignedContent,
  inspectSignedObject,
  readAlgorithm,
  readEContentVersion,
  type SignedObject,
} from './signed-object.ts';

export interface FileNameAndHash {
  fileName?: string;
  hash: Uint8Array;
}

export interface ResourceBlock {
  asId?: AsIdentifiers;
  ipAddrBlocks?: IpAddrBlocks;
}

export interface RpkiSignedChecklist {
  version: number;
  resources: ResourceBlock;
  digestAlgorithm: string;
  checkList: FileNameAndHash[];
}

export interface Rsc extends RpkiSignedChecklist {
  signedObject: SignedObject;
}

// §4.4 FileName: IA5String (FROM("a".."z" | "A".."Z" | "0".."9" | "." | "_" | "-"))
const FILE_NAME = /^[A-Za-z0-9._-]*$/;

export function decodeRsc(bytes: Uint8Array): Decoded<Rsc> {
  const findings = new Findings();
  return decodeWith(findings, () => readRsc(bytes, findings));
}

/** decodeRsc's body for callers that want the value even when it has errors. Throws Reject. */
export function readRsc(bytes: Uint8Array, findings: Findings): Rsc {
  return readSignedContent(bytes, findings, EContentType.rsc, (signedObject, r) => ({
    signedObject,
    ...readChecklist(r, findings),
  }));
}

function readChecklist(top: DerReader, findings: Findings): RpkiSignedChecklist {
  const seq = top.expect(Tag.SEQUENCE, 'RpkiSignedChecklist');
  top.finish();
  const r = seq.children();
  // §4.1 version: 0
  const v = readEContentVersion(r, findings);
  checkVersion(v, 0, 'rsc.version.invalid', findings);
  const resources = readResourceBlock(r.expect(Tag.SEQUENCE, 'resources'), findings);
  // §4.3 digestAlgorithm: SHA-256 (RFC 7935 §2)
  const algTlv = r.expect(Tag.SEQUENCE, 'digestAlgorithm');
  const digestAlgorithm = readAlgorithm(algTlv, findings);
  if (digestAlgorithm !== SHA256) findings.add('rsc.digest-algorithm.unsupported', { oid: digestAlgorithm }, algTlv.range);
  // §4.4 checkList: at least one entry, portable file names, SHA-256 digests
  const listTlv = r.expect(Tag.SEQUENCE, 'checkList');
  r.finish();
  const checkList: FileNameAndHash[] = [];
  for (const e of listTlv.children().each('FileNameAndHash')) {
    if (e.tag !== Tag.SEQUENCE) e.reject('expected a FileNameAndHash');
    const er = e.children();
    const nameTlv = er.optional(Tag.IA5String, 'fileName');
    const hash = readOctets(er.expect(Tag.OCTET_STRING, 'hash'));
    er.finish();
    const entry: FileNameAndHash = { hash };
    if (nameTlv) {
      entry.fileName = readIa5(nameTlv);
      if (!FILE_NAME.test(entry.fileName)) findings.add('rsc.file-name.invalid', { file: entry.fileName }, nameTlv.range);
    }
    if (hash.length !== 32) findings.add('rsc.hash.length', { length: hash.length }, e.range);
    checkList.push(entry);
  }
  if (checkList.length === 0) findings.add('rsc.check-list.empty', {}, listTlv.range);
  return { version: v.version, resources, digestAlgorithm, checkList };
}

/** §4.2 ResourceBlock: RFC 3779 structures without inherit, at least one of the two. */
function readResourceBlock(t: Tlv, findings: Findings): ResourceBlock {
  const r = t.children();
  const asTlv = r.optional(ctx(0), 'asID');
  const ipTlv = r.optional(ctx(1), 'ipAddrBlocks');
  r.finish();
  const out: ResourceBlock = {};
  if (asTlv) {
    out.asId = decodeAsIdentifiers(explicitInner(asTlv, 'asID'), findings);
    if (out.asId.resources.asnum === 'inherit') findings.add('rsc.resources.inherit', { family: 'AS' }, asTlv.range);
  }
  if (ipTlv) {
    out.ipAddrBlocks = decodeIpAddrBlocks(explicitInner(ipTlv, 'ipAddrBlocks'), findings);
    for (const f of out.ipAddrBlocks.families) {
      if (f.choice === 'inherit') findings.add('rsc.resources.inherit', { family: f.afi === 'ipv4' ? 'IPv4' : 'IPv6' }, ipTlv.range);
    }
  }
  if (!asTlv && !ipTlv) findings.add('rsc.resources.empty', {}, t.range);
  return out;
}

function explicitInner(t: Tlv, field: string): Tlv {
  const r = t.children(field);
  const inner = r.expect(Tag.SEQUENCE, field);
  r.finish();
  return inner;
}

/** The explicit resources of a ResourceBlock or an EE certificate; undefined when a family inherits. */
function explicitSet(ip: IpAddrBlocks | undefined, as: AsIdentifiers | undefined): ResourceSet | undefined {
  const v4 = ip?.resources.ipv4 ?? [];
  const v6 = ip?.resources.ipv6 ?? [];
  const asnum = as?.resources.asnum ?? [];
  if (v4 === 'inherit' || v6 === 'inherit' || asnum === 'inherit') return undefined;
  return { ipv4: v4, ipv6: v6, asnum };
}

/** RFC 9323 §5 (after the RFC 6488 checks): the EE certificate resources are explicit and cover the ResourceBlock. */
export function inspectRsc(rsc: Rsc, findings: Findings): void {
  const so = rsc.signedObject;
  // RFC 9323 §2: RSCs are not published, so their EE certificate has no SIA.
  inspectSignedObject(so, findings, { eeWithoutSia: true });
  const { ee, eeRange } = so;
  const held = explicitSet(ee.ipResources, ee.asResources);
  if (!held) {
    const families = [ee.ipResources?.resources.ipv4, ee.ipResources?.resources.ipv6, ee.asResources?.resources.asnum];
    const names = ['IPv4', 'IPv6', 'AS'].filter((_, i) => families[i] === 'inherit');
    findings.add('rsc.ee.resources-inherit', { family: names.join(', ') }, eeRange);
    return;
  }
  const claimed = explicitSet(rsc.resources.ipAddrBlocks, rsc.resources.asId);
  if (!claimed) return;
  const beyond = resourcesContain(held, claimed);
  if (!isEmptySet(beyond)) findings.add('rsc.resources.outside-ee', { resources: formatResourceSet(beyond, 5) }, eeRange);
}
