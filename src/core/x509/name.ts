/**
 * Distinguished names, RFC 5280 §4.1.2.4, with the RPKI profile of RFC 6487 §4.4 (issuer) and §4.5 (subject):
 * one commonName, at most one serialNumber, nothing else.
 *
 *   Name ::= CHOICE { rdnSequence RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }
 */
import { Tag, type Tlv } from '../der/reader.ts';
import { hex, readOid, readString } from '../der/values.ts';
import type { ByteRange, Findings } from '../report/finding.ts';

export const COMMON_NAME = '2.5.4.3';
export const SERIAL_NUMBER = '2.5.4.5';

/** Short names for the text form (RFC 4514 §3 plus SERIALNUMBER, which RPKI names use). */
const shortNames: Record<string, string> = {
  [COMMON_NAME]: 'CN',
  [SERIAL_NUMBER]: 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

export interface AttributeTypeAndValue {
  type: string;
  /** The value as text; values that are not strings are '#' and the hex of their encoding (RFC 4514 §2.4). */
  value: string;
  /** The value's tag (PrintableString, UTF8String, …). */
  tag: number;
  range: ByteRange;
}

export interface Name {
  /** RFC 4514 form: last RDN first, '+' inside a multi-valued RDN, e.g. "SERIALNUMBER=01,CN=ca". */
  text: string;
  /** The whole Name TLV, for byte comparison of issuer and subject. */
  der: Uint8Array;
  commonName?: string;
  serialNumber?: string;
  rdns: AttributeTypeAndValue[][];
  range: ByteRange;
}

export function decodeName(t: Tlv): Name {
  if (t.tag !== Tag.SEQUENCE) t.reject('a Name must be an RDNSequence');
  const rdns: AttributeTypeAndValue[][] = [];
  let commonName: string | undefined;
  let serialNumber: string | undefined;
  for (const set of t.children().each()) {
    if (set.tag !== Tag.SET) set.reject('a RelativeDistinguishedName must be a SET');
    const rdn: AttributeTypeAndValue[] = [];
    for (const atv of set.children().each()) {
      if (atv.tag !== Tag.SEQUENCE) atv.reject('an AttributeTypeAndValue must be a SEQUENCE');
      const r = atv.children();
      const type = readOid(r.expect(Tag.OID, `${t.field}.type`));
      const v = r.read(`${t.field}.value`);
      r.finish();
      const value = isString(v.tag) ? readString(v) : `#${hex(v.bytes)}`;
      if (type === COMMON_NAME && commonName === undefined) commonName = value;
      if (type === SERIAL_NUMBER && serialNumber === undefined) serialNumber = value;
      rdn.push({ type, value, tag: v.tag, range: atv.range });
    }
    if (rdn.length === 0) set.reject('an empty RelativeDistinguishedName');
    rdns.push(rdn);
  }
  const name: Name = { text: nameText(rdns), der: t.bytes, rdns, range: t.range };
  if (commonName !== undefined) name.commonName = commonName;
  if (serialNumber !== undefined) name.serialNumber = serialNumber;
  return name;
}

function isString(tag: number): boolean {
  return (
    tag === Tag.PrintableString || tag === Tag.UTF8String || tag === Tag.IA5String || tag === Tag.TeletexString ||
    tag === Tag.VisibleString || tag === Tag.BMPString
  );
}

function nameText(rdns: AttributeTypeAndValue[][]): string {
  if (rdns.length === 1 && rdns[0].length === 1) return atvText(rdns[0][0]);
  const parts: string[] = [];
  for (let i = rdns.length - 1; i >= 0; i--) {
    parts.push(rdns[i].map(atvText).join('+'));
  }
  return parts.join(',');
}

function atvText(a: AttributeTypeAndValue): string {
  return `${shortNames[a.type] ?? a.type}=${isString(a.tag) ? escape(a.value) : a.value}`;
}

/** RFC 4514 §2.4 escaping of an attribute value. */
function escape(v: string): string {
  if (!needsEscape(v)) return v;
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === ',' || c === '+' || c === '"' || c === '\\' || c === '<' || c === '>' || c === ';') out += `\\${c}`;
    else if (c === '\0') out += '\\00';
    else if ((i === 0 && (c === ' ' || c === '#')) || (i === v.length - 1 && c === ' ')) out += `\\${c}`;
    else out += c;
  }
  return out;
}

function needsEscape(v: string): boolean {
  if (v.length === 0) return false;
  if (v[0] === ' ' || v[0] === '#' || v[v.length - 1] === ' ') return true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    // , + " \\ < > ; and NUL
    if (c === 0x2c || c === 0x2b || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x3b || c === 0) return true;
  }
  return false;
}

/** Byte equality of two names (RFC 5280 §7.1 comparison reduces to this for the single-CN names of RPKI). */
export function sameName(a: Name, b: Name): boolean {
  if (a.der.length !== b.der.length) return false;
  for (let i = 0; i < a.der.length; i++) if (a.der[i] !== b.der[i]) return false;
  return true;
}

export type NameRole = 'issuer' | 'subject';

/**
 * RFC 6487 §4.4 (issuer) and §4.5 (subject): exactly one commonName, encoded as PrintableString, and at most one
 * serialNumber; no other attribute. RFC 8209 §3.1.1 lets router certificate subjects use UTF8String; other
 * UTF8String commonNames get a warning because AFRINIC issued such names and rpki-client accepts them.
 */
export function checkName(name: Name, role: NameRole, findings: Findings, utf8Allowed = false): void {
  let cn = 0;
  let sn = 0;
  for (const rdn of name.rdns) {
    for (const atv of rdn) {
      if (atv.type === COMMON_NAME) {
        if (++cn > 1) findings.add(`x509.${role}.common-name.multiple`, { name: name.text }, atv.range);
        else if (atv.tag === Tag.UTF8String) {
          if (!utf8Allowed) findings.add(`x509.${role}.common-name.utf8`, { value: atv.value }, atv.range);
        } else if (atv.tag !== Tag.PrintableString) {
          findings.add(`x509.${role}.common-name.string-type`, { value: atv.value }, atv.range);
        }
      } else if (atv.type === SERIAL_NUMBER) {
        if (++sn > 1) findings.add(`x509.${role}.serial-number.multiple`, { name: name.text }, atv.range);
      } else {
        findings.add(`x509.${role}.attribute.unexpected`, { type: shortNames[atv.type] ?? atv.type }, atv.range);
      }
    }
  }
  if (cn === 0) findings.add(`x509.${role}.common-name.missing`, { name: name.text }, name.range);
}
