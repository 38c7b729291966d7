import { describe as group, expect, it } from 'vitest';
import { describe, type TreeNode } from './value-tree.ts';

const leaf = (n: TreeNode) => (n.kind === 'leaf' ? n.text : `<${n.kind}>`);

group('value tree', () => {
  it('shows times, bigints and bytes', () => {
    expect(leaf(describe({ key: 'notAfter', value: 1556668800 }))).toBe('2019-05-01T00:00:00Z');
    expect(leaf(describe({ key: 'version', value: 1556668800 }))).toBe('1556668800');
    expect(leaf(describe({ key: 'crlNumber', value: 2n ** 70n }))).toBe('1180591620717411303424');
    expect(describe({ key: 'raw', value: new Uint8Array([1, 2]) }).kind).toBe('bytes');
  });

  it('keeps strings as text, markup included', () => {
    expect(describe({ key: 'fn', value: '<img src=x onerror=1>' })).toEqual({
      kind: 'leaf',
      text: '<img src=x onerror=1>',
      tone: 'string',
    });
  });

  it('writes RFC 3779 prefixes and ranges in their textual form', () => {
    const prefix = { afi: 'ipv6', addr: 0x2a0cb6420fc0n << 80n, len: 43 };
    expect(leaf(describe({ key: 'prefix', value: prefix }))).toBe('2a0c:b642:fc0::/43');
    const family = describe({ key: '0', value: { afi: 'ipv4', choice: [{ kind: 'range', min: 0xc0000200n, max: 0xc00002ffn }] } });
    if (family.kind !== 'branch') throw new Error('family is a branch');
    const choice = describe(family.entries[1]);
    if (choice.kind !== 'branch') throw new Error('choice is a branch');
    expect(leaf(describe(choice.entries[0]))).toBe('192.0.2.0/24');
    const resources = describe({ key: 'resources', value: { ipv4: [{ min: 0x0a000000n, max: 0x0a000004n }] } });
    if (resources.kind !== 'branch') throw new Error('resources is a branch');
    const v4 = describe(resources.entries[0]);
    if (v4.kind !== 'branch') throw new Error('ipv4 is a branch');
    expect(leaf(describe(v4.entries[0]))).toBe('10.0.0.0-10.0.0.4');
  });

  it('writes AS identifiers and ranges under asnum', () => {
    const as = describe({ key: 'asnum', value: [{ kind: 'id', id: 209870 }, { kind: 'range', min: 64496, max: 64511 }] });
    if (as.kind !== 'branch') throw new Error('asnum is a branch');
    expect(as.entries.map((e) => leaf(describe(e)))).toEqual(['AS209870', 'AS64496-AS64511']);
  });

  it('names the OIDs the core knows', () => {
    expect(describe({ key: 'oid', value: '1.2.840.113549.1.1.11' })).toEqual({
      kind: 'leaf',
      text: '1.2.840.113549.1.1.11',
      tone: 'oid',
      note: 'sha256WithRSAEncryption',
    });
    expect(describe({ key: 'oid', value: '2.5.29.15' })).toMatchObject({ tone: 'oid', note: 'keyUsage' });
    expect(describe({ key: 'policy', value: '1.3.6.1.5.5.7.14.2' })).toMatchObject({ tone: 'oid', note: undefined });
    expect(describe({ key: 'version', value: '4.0' })).toMatchObject({ tone: 'string' });
  });

  it('shows where a field sits in the file', () => {
    expect(leaf(describe({ key: 'range', value: { start: 12, end: 40 } }))).toBe('bytes 12–40');
  });

  it('leaves { min, max } alone when no family is known', () => {
    expect(describe({ key: 'window', value: { min: 1n, max: 2n } }).kind).toBe('branch');
  });

  it('writes empty lists and objects as none, and null as null', () => {
    expect(describe({ key: 'crlDp', value: [] })).toMatchObject({ kind: 'leaf', text: 'none' });
    expect(describe({ key: 'x', value: {} })).toMatchObject({ kind: 'leaf', text: 'none' });
    expect(describe({ key: 'params', value: null })).toMatchObject({ kind: 'leaf', text: 'null' });
  });

  it('lists the members of sets and maps', () => {
    const set = describe({ key: 'revokedSerials', value: new Set(['cc', 'ce']) });
    expect(set.kind === 'branch' && set.entries.map((e) => leaf(describe(e)))).toEqual(['cc', 'ce']);
    const map = describe({ key: 'm', value: new Map([['a', 1n]]) });
    expect(map.kind === 'branch' && map.entries.map((e) => [e.key, leaf(describe(e))])).toEqual([['a', '1']]);
    expect(describe({ key: 's', value: new Set() })).toMatchObject({ kind: 'leaf', text: 'none' });
  });

  it('skips absent optional fields', () => {
    const n = describe({ key: 'x', value: { a: 1, b: undefined } });
    expect(n.kind === 'branch' && n.entries.map((e) => e.key)).toEqual(['a']);
  });
});
