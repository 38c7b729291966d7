/**
 * The generic ASN.1 tree of the inspector (X.690 BER/DER): every TLV with its tag, byte range and, for primitive
 * values, a short rendering. asn1js reads it (generality over speed: this runs on one object, never on the
 * validation path). OCTET STRING and BIT STRING contents that are themselves whole DER (a signed object's
 * eContent, extension values, a SubjectPublicKeyInfo's key) are shown as encapsulated children.
 */
import * as asn1js from 'asn1js';

export interface Asn1Node {
  /** "SEQUENCE", "[0]", "OBJECT IDENTIFIER", … */
  tag: string;
  /** Byte range of the whole TLV within the object. */
  start: number;
  end: number;
  /** A short text for primitive values; never markup (it is rendered as text). */
  value?: string;
  children: Asn1Node[];
  /** The children come from inside an OCTET STRING or BIT STRING. */
  encapsulated?: boolean;
}

const UNIVERSAL: Record<number, string> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  10: 'ENUMERATED',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  19: 'PrintableString',
  20: 'TeletexString',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
  26: 'VisibleString',
  30: 'BMPString',
};
const CLASS = ['', 'APPLICATION ', '', 'PRIVATE '];

/** Nodes shown at most, so that hostile input cannot flood the page. */
const MAX_NODES = 5000;
const MAX_DEPTH = 40;

type Block = asn1js.AsnType & {
  valueBeforeDecodeView: Uint8Array;
  idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean; blockLength: number };
  lenBlock: { blockLength: number };
  valueBlock: { value?: unknown; valueHexView?: Uint8Array; toString?: () => string };
};

function hexOf(b: Uint8Array, max = 24): string {
  let s = '';
  for (let i = 0; i < Math.min(b.length, max); i++) s += b[i].toString(16).padStart(2, '0');
  return b.length > max ? `${s}… (${b.length} bytes)` : s;
}

export function asn1Tree(bytes: Uint8Array): Asn1Node | { error: string } {
  let count = 0;
  // `at`: where `data` starts in the object; asn1js reads a copy, so offsets are taken from its root.
  const parse = (data: Uint8Array, at: number, depth: number): Asn1Node | undefined => {
    const r = asn1js.fromBER(data);
    if (r.offset === -1 || r.offset !== data.length) return undefined;
    const root = r.result as Block;
    return node(root, root.valueBeforeDecodeView.byteOffset - at, depth);
  };
  const node = (b: Block, zero: number, depth: number): Asn1Node => {
    count++;
    const view = b.valueBeforeDecodeView;
    const start = view.byteOffset - zero;
    const id = b.idBlock;
    const tag = id.tagClass === 1 ? (UNIVERSAL[id.tagNumber] ?? `UNIVERSAL ${id.tagNumber}`) : `${CLASS[id.tagClass - 1] ?? ''}[${id.tagNumber}]`;
    const out: Asn1Node = { tag, start, end: start + view.length, children: [] };
    const inner = b.valueBlock.value;
    if (id.isConstructed && Array.isArray(inner)) {
      for (const c of inner as Block[]) {
        if (count >= MAX_NODES || depth >= MAX_DEPTH) break;
        if (!c?.idBlock || c instanceof asn1js.EndOfContent) continue;
        out.children.push(node(c, zero, depth + 1));
      }
      return out;
    }
    const content = view.subarray(id.blockLength + b.lenBlock.blockLength);
    out.value = render(b, content);
    if ((id.tagNumber === 4 || id.tagNumber === 3) && id.tagClass === 1 && content.length > 2 && count < MAX_NODES && depth < MAX_DEPTH) {
      const skip = id.tagNumber === 3 ? 1 : 0;
      const body = content.subarray(skip);
      if (body[0] === 0x30 || body[0] === 0x31 || body[0] === 0x04 || body[0] === 0x02) {
        const child = parse(body, start + view.length - body.length, depth + 1);
        if (child) {
          out.children = [child];
          out.encapsulated = true;
        }
      }
    }
    return out;
  };
  try {
    return parse(bytes, 0, 0) ?? { error: 'The bytes are not one whole BER/DER value.' };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function render(b: Block, content: Uint8Array): string {
  if (b instanceof asn1js.ObjectIdentifier) return b.valueBlock.toString();
  if (b instanceof asn1js.Integer) return content.length <= 6 ? String(b.valueBlock.valueDec) : hexOf(content);
  if (b instanceof asn1js.Boolean) return b.valueBlock.value ? 'TRUE' : 'FALSE';
  if (b instanceof asn1js.Null) return '';
  if (b instanceof asn1js.BaseStringBlock || b instanceof asn1js.UTCTime || b instanceof asn1js.GeneralizedTime) {
    let text = '';
    for (const c of content.subarray(0, 200)) text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    return content.length > 200 ? `${text}…` : text;
  }
  return hexOf(content);
}
