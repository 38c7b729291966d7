/**
 * Autonomous System Provider Authorization, draft-ietf-sidrops-aspa-profile (the profile since version 15, 2023).
 *
 *   ASProviderAttestation ::= SEQUENCE {
 *     version [0]   INTEGER DEFAULT 0,   -- must be 1, so always encoded
 *     customerASID  ASID,
 *     providers     ProviderASSet }
 *   ProviderASSet ::= SEQUENCE (SIZE(1..MAX)) OF ASID
 *   ASID ::= INTEGER (0..4294967295)
 *
 * The module uses EXPLICIT TAGS. Earlier drafts encoded an address family after the version (up to -07) or each
 * provider as SEQUENCE { providerASID ASID, afiLimit OCTET STRING OPTIONAL } (-08 to -13); such objects are
 * recognised and reported as obsolete rather than read.
 */
import { Tag, type DerReader } from '../der/reader.ts';
import { readInt } from '../der/values.ts';
import { Findings, Reject, decodeWith, type Decoded } from '../report/finding.ts';
import { AS_MAX } from '../resources/as.ts';
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

export interface ASProviderAttestation {
  version: number;
  customerAsId: number;
  /** Ascending, unique. */
  providers: number[];
}

export interface Aspa extends ASProviderAttestation {
  signedObject: SignedObject;
}

export function decodeAspa(bytes: Uint8Array): Decoded<Aspa> {
  const findings = new Findings();
  return decodeWith(findings, () => readAspa(bytes, findings));
}

/** decodeAspa's body for callers that want the value even when it has errors. Throws Reject. */
export function readAspa(bytes: Uint8Array, findings: Findings): Aspa {
  return readSignedContent(bytes, findings, EContentType.aspa, (signedObject, r) => ({
    signedObject,
    ...readAspaContent(r, findings),
  }));
}

/** A bare ASPA eContent (the DER inside the signed object). */
export function decodeAspaContent(bytes: Uint8Array): Decoded<ASProviderAttestation> {
  return decodeEContent(bytes, readAspaContent);
}

function readAspaContent(top: DerReader, findings: Findings): ASProviderAttestation {
  const seq = top.expect(Tag.SEQUENCE, 'ASProviderAttestation');
  top.finish();
  const r = seq.children();
  const v = readEContentVersion(r, findings);
  if (r.peek() === Tag.OCTET_STRING) {
    throw new Reject('aspa.profile.obsolete', { reason: 'an address family field follows the version' }, seq.range);
  }
  const customerTlv = r.expect(Tag.INTEGER, 'customerASID');
  const customerAsId = readInt(customerTlv, 0, AS_MAX);
  const providersTlv = r.expect(Tag.SEQUENCE, 'providers');
  r.finish();
  const providerTlvs = providersTlv.children().each('ASID');
  if (providerTlvs.some((t) => t.tag === Tag.SEQUENCE)) {
    const reason = 'providers are SEQUENCE { providerASID, afiLimit }';
    throw new Reject('aspa.profile.obsolete', { reason }, providersTlv.range);
  }
  // §3.1 version: 1, explicitly encoded
  checkVersion(v, 1, 'aspa.version.invalid', findings);
  // §3.2 customerASID: a positive integer
  if (customerAsId === 0) findings.add('aspa.customer-asid.zero', {}, customerTlv.range);
  // §3.3 providers: at least one, ascending, unique, not the customer
  if (providerTlvs.length === 0) findings.add('aspa.providers.empty', {}, providersTlv.range);
  const providers: number[] = [];
  for (const t of providerTlvs) {
    if (t.tag !== Tag.INTEGER) t.reject('expected an ASID');
    const provider = readInt(t, 0, AS_MAX);
    const prev = providers[providers.length - 1];
    if (provider === customerAsId) findings.add('aspa.providers.contains-customer', { customer: customerAsId }, t.range);
    if (prev === provider) findings.add('aspa.providers.duplicate', { provider }, t.range);
    else if (prev > provider) findings.add('aspa.providers.not-sorted', { provider }, t.range);
    providers.push(provider);
  }
  return { version: v.version, customerAsId, providers };
}

/** The checks of the ASPA validation section on the EE certificate (after the RFC 6488 ones). */
export function inspectAspa(aspa: Aspa, findings: Findings): void {
  const so = aspa.signedObject;
  inspectSignedObject(so, findings);
  checkAsOnlyEe(so, aspa.customerAsId, findings, {
    ipPresent: 'aspa.ee.ip-resources.present',
    asMissing: 'aspa.ee.as-resources.missing',
    asInherit: 'aspa.ee.as-resources.inherit',
    outside: 'aspa.customer.outside-ee',
  });
}
