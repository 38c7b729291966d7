import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/fixtures.ts';
import { asn1Tree, type Asn1Node } from './asn1-tree.ts';

function find(n: Asn1Node, pred: (n: Asn1Node) => boolean): Asn1Node | undefined {
  if (pred(n)) return n;
  for (const c of n.children) {
    const f = find(c, pred);
    if (f) return f;
  }
  return undefined;
}

describe('asn1Tree', () => {
  it('reads a real ROA down into its encapsulated eContent, with byte ranges in the file', () => {
    const bytes = fixture('real/nlnetlabs-rpki-rs/repository/example-ripe.roa');
    const tree = asn1Tree(bytes);
    if ('error' in tree) throw new Error(tree.error);
    expect(tree.tag).toBe('SEQUENCE');
    expect([tree.start, tree.end]).toEqual([0, bytes.length]);
    expect(tree.children[0].value).toBe('1.2.840.113549.1.7.2');
    // id-ct-routeOriginAuthz, then the ROA's asID (209870) inside the eContent OCTET STRING
    expect(find(tree, (n) => n.value === '1.2.840.113549.1.9.16.1.24')).toBeDefined();
    const asId = find(tree, (n) => n.tag === 'INTEGER' && n.value === '209870');
    expect(asId).toBeDefined();
    // the range points at the INTEGER's own bytes: tag 02, a length, then 209870 = 0x0333ce
    const tlv = bytes.subarray(asId!.start, asId!.end);
    expect([...tlv]).toEqual([0x02, 0x03, 0x03, 0x33, 0xce]);
  });

  it('says why when the bytes are not one value', () => {
    expect(asn1Tree(new Uint8Array([0x30, 0x05, 0x02]))).toHaveProperty('error');
    expect(asn1Tree(new Uint8Array([0x02, 0x01, 0x00, 0xff]))).toHaveProperty('error');
  });
});
