import { describe, expect, it } from 'vitest';
import { parsePrefix } from '../resources/index.ts';
import type { Vrp } from '../validate/types.ts';
import { validateRoute } from './rov.ts';

const vrp = (asn: number, prefix: string, maxLength: number): Vrp => ({ asn, prefix, maxLength, ta: 'ta', expires: 0, roa: `rsync://x/${asn}.roa` });
const VRPS = [vrp(64496, '192.0.2.0/24', 24), vrp(64497, '198.51.100.0/22', 24), vrp(0, '203.0.113.0/24', 24), vrp(64498, '2001:db8::/32', 48)];
const check = (prefix: string, origin: number) => validateRoute(VRPS, parsePrefix(prefix), origin);

describe('route origin validation (RFC 6811)', () => {
  it('valid when a covering VRP names the origin and allows the length', () => {
    expect(check('192.0.2.0/24', 64496)).toMatchObject({ state: 'valid', matched: [VRPS[0]], unmatched: [] });
    expect(check('198.51.101.0/24', 64497).state).toBe('valid');
    expect(check('2001:db8:ff00::/40', 64498).state).toBe('valid');
  });

  it('invalid for another origin, or a longer prefix than maxLength allows', () => {
    expect(check('192.0.2.0/24', 64511)).toMatchObject({ state: 'invalid', reason: 'as', unmatched: [VRPS[0]] });
    expect(check('192.0.2.128/25', 64496)).toMatchObject({ state: 'invalid', reason: 'length' });
    expect(check('2001:db8::/49', 64498)).toMatchObject({ state: 'invalid', reason: 'length' });
  });

  it('an AS 0 VRP covers but never matches (RFC 7607)', () => {
    expect(check('203.0.113.0/24', 0)).toMatchObject({ state: 'invalid', reason: 'as' });
    expect(check('203.0.113.0/24', 64496).state).toBe('invalid');
  });

  it('not found when nothing covers the prefix, including a less specific one', () => {
    expect(check('192.0.0.0/16', 64496).state).toBe('not-found');
    expect(check('10.0.0.0/8', 64496)).toMatchObject({ state: 'not-found', matched: [], unmatched: [] });
    expect(check('2001:db9::/32', 64498).state).toBe('not-found');
  });
});
