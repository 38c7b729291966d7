import { describe, expect, it } from 'vitest';
import type { Vrp } from '../core/validate/types.ts';
import { batches } from './batches.ts';
import { decodeVrps, encodeVrps } from './vrp-columns.ts';

describe('VRP columns', () => {
  const vrps: Vrp[] = [
    { asn: 4294967295, prefix: '2001:db8::/32', maxLength: 128, ta: 'arin', expires: 4_102_444_800, roa: 'rsync://a/x.roa' },
    { asn: 0, prefix: '192.0.2.0/24', maxLength: 24, ta: 'ripe', expires: 1_700_000_000, roa: 'rsync://b/y.roa' },
    { asn: 64496, prefix: '198.51.100.0/24', maxLength: 32, ta: 'arin', expires: 1_700_000_001, roa: 'rsync://a/x.roa' },
  ];

  it('round-trips every field, with TAs and ROA URIs stored once', () => {
    const c = encodeVrps(vrps);
    expect(c.tas).toEqual(['arin', 'ripe']);
    expect(c.roas).toEqual(['rsync://a/x.roa', 'rsync://b/y.roa']);
    expect([...c.roa]).toEqual([0, 1, 0]);
    const out: Vrp[] = [];
    decodeVrps(structuredClone(c), out);
    expect(out).toEqual(vrps);
  });

  it('round-trips an empty chunk', () => {
    const out: Vrp[] = [];
    decodeVrps(encodeVrps([]), out);
    expect(out).toEqual([]);
  });
});

describe('batches', () => {
  const collect = async <T>(it: AsyncIterable<T[]>) => {
    const out: T[][] = [];
    for await (const b of it) out.push(b);
    return out;
  };

  it('splits arrays and iterables, and keeps streamed arrays apart from streamed rows', async () => {
    expect((await collect(batches([1, 2, 3, 4, 5], 2))).map((b) => b.length)).toEqual([2, 2, 1]);
    expect(await collect(batches(new Set([1, 2, 3]), 2))).toEqual([[1, 2], [3]]);
    async function* stream() {
      yield 1;
      yield [2, 3, 4];
      yield 5;
      yield 6;
      yield 7;
    }
    expect(await collect(batches(stream(), 2))).toEqual([[1], [2, 3], [4], [5, 6], [7]]);
  });
});
