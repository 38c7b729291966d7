/**
 * Ghostbusters record, RFC 6493: the eContent OCTET STRING is a vCard (RFC 6350) restricted by §5 to
 *
 *   BEGIN:VCARD, VERSION:4.0, FN (required), ORG, ADR, TEL, EMAIL (at least one of the last three), END:VCARD
 *
 * and nothing else. Content lines (RFC 6350 §3.3): [group "."] name *(";" param) ":" value, CRLF-terminated,
 * folded by CRLF followed by one space or tab (§3.2).
 */
import type { DerReader } from '../der/reader.ts';
import { Findings, decodeWith, type Decoded } from '../report/finding.ts';
import {
  EContentType,
  explicitResourceFamilies,
  inspectSignedObject,
  readSignedContent,
  type SignedObject,
} from './signed-object.ts';

export interface VCardProperty {
  /** Upper case, without a group prefix. */
  name: string;
  /** The parameters as written, e.g. "TYPE=WORK". */
  params: string[];
  value: string;
}

export interface GhostbustersRecord {
  fn: string;
  org?: string;
  adr?: string;
  tel?: string;
  email?: string;
  /** Every property in order, including repeated TEL or EMAIL. */
  properties: VCardProperty[];
  /** The vCard text. */
  text: string;
}

export interface Gbr extends GhostbustersRecord {
  signedObject: SignedObject;
}

/** The properties allowed between BEGIN:VCARD and END:VCARD. */
const ALLOWED = new Set(['VERSION', 'FN', 'ORG', 'ADR', 'TEL', 'EMAIL']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeGbr(bytes: Uint8Array): Decoded<Gbr> {
  const findings = new Findings();
  return decodeWith(findings, () => readGbr(bytes, findings));
}

/** decodeGbr's body for callers that want the value even when it has errors. Throws Reject. */
export function readGbr(bytes: Uint8Array, findings: Findings): Gbr {
  return readSignedContent(bytes, findings, EContentType.gbr, (signedObject, r) => ({ signedObject, ...readVCard(r, findings) }));
}

function readVCard(r: DerReader, findings: Findings): GhostbustersRecord {
  const at = { start: r.pos, end: r.end };
  const bytes = r.buf.subarray(r.pos, r.end);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    findings.add('gbr.vcard.invalid', { reason: 'not UTF-8 text' }, at);
    return { fn: '', properties: [], text: '' };
  }
  const out: GhostbustersRecord = { fn: '', properties: [], text };
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const props: VCardProperty[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const head = colon < 0 ? '' : line.slice(0, colon);
    const [nameWithGroup, ...params] = head.split(';');
    const name = nameWithGroup.slice(nameWithGroup.indexOf('.') + 1).toUpperCase();
    if (!/^[A-Z0-9-]+$/.test(name)) {
      findings.add('gbr.vcard.invalid', { reason: `"${line.slice(0, 40)}" is not a content line` }, at);
      return out;
    }
    props.push({ name, params, value: line.slice(colon + 1) });
  }
  out.properties = props;
  // RFC 6350 §6.1.1, §6.7.9 and RFC 6493 §5: BEGIN:VCARD, then VERSION:4.0, ... END:VCARD last
  const first = props[0];
  const last = props[props.length - 1];
  const isVCard = (p: VCardProperty | undefined, name: string) => p?.name === name && p.value.toUpperCase() === 'VCARD';
  if (!isVCard(first, 'BEGIN') || !isVCard(last, 'END')) {
    findings.add('gbr.vcard.invalid', { reason: 'it does not run from BEGIN:VCARD to END:VCARD' }, at);
    return out;
  }
  if (props[1]?.name !== 'VERSION' || props[1].value !== '4.0') {
    findings.add('gbr.vcard.version', { version: props.find((p) => p.name === 'VERSION')?.value ?? 'absent' }, at);
  }
  for (const p of props.slice(1, -1)) {
    if (!ALLOWED.has(p.name)) findings.add('gbr.vcard.property-forbidden', { name: p.name }, at);
  }
  const value = (name: string) => props.find((p) => p.name === name)?.value;
  const fn = value('FN');
  if (fn === undefined) findings.add('gbr.vcard.fn-missing', {}, at);
  out.fn = fn ?? '';
  out.org = value('ORG');
  out.adr = value('ADR');
  out.tel = value('TEL');
  out.email = value('EMAIL');
  if (out.adr === undefined && out.tel === undefined && out.email === undefined) findings.add('gbr.vcard.no-contact', {}, at);
  return out;
}

/** RFC 6493 §6 on the EE certificate (after the RFC 6488 checks): its resources are "inherit". */
export function inspectGbr(gbr: Gbr, findings: Findings): void {
  const so = gbr.signedObject;
  inspectSignedObject(so, findings);
  for (const family of explicitResourceFamilies(so.ee)) findings.add('gbr.ee.resources-not-inherit', { family }, so.eeRange);
}
