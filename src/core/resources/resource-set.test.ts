import { describe, expect, it } from 'vitest';
import { parsePrefix, prefixToRange, type IpRange } from './ip.ts';
import {
  asContains,
  asIntersect,
  asSubtract,
  claimInherits,
  emptyResourceSet,
  formatResourceSet,
  intersectResources,
  ipContains,
  ipIntersect,
  ipSubtract,
  isEmptySet,
  normaliseAs,
  normaliseIp,
  resolveInherit,
  resourcesContain,
  type ResourceSet,
} from './resource-set.ts';

const p = (...prefixes: string[]): IpRange[] => normaliseIp(prefixes.map((s) => prefixToRange(parsePrefix(s))));
const V4_ALL = p('0.0.0.0/0');
const V6_ALL = p('::/0');
const AS_ALL = [{ min: 0, max: 4294967295 }];
const set = (s: Partial<ResourceSet>): ResourceSet => ({ ...emptyResourceSet(), ...s });

describe('normalise', () => {
  it('sorts and merges overlapping and adjacent ranges, not separate ones', () => {
    expect(normaliseIp([
      { min: 20n, max: 30n },
      { min: 0n, max: 9n },
      { min: 10n, max: 12n },
      { min: 11n, max: 15n },
      { min: 17n, max: 18n },
    ])).toEqual([
      { min: 0n, max: 15n },
      { min: 17n, max: 18n },
      { min: 20n, max: 30n },
    ]);
    expect(normaliseAs([{ min: 4294967295, max: 4294967295 }, { min: 0, max: 4294967294 }])).toEqual(AS_ALL);
    expect(p('10.0.0.0/9', '10.128.0.0/9')).toEqual(p('10.0.0.0/8'));
  });
});

describe('containment', () => {
  it('holds inside the whole space and fails outside any range', () => {
    expect(ipContains(V4_ALL, p('0.0.0.0/0'))).toBe(true);
    expect(ipContains(V4_ALL, p('255.255.255.255/32', '0.0.0.0/32'))).toBe(true);
    expect(ipContains(V6_ALL, p('::/0', '2001:db8::/32'))).toBe(true);
    expect(ipContains([], [])).toBe(true);
    expect(ipContains([], p('10.0.0.0/8'))).toBe(false);
    expect(ipContains(p('10.0.0.0/8'), p('10.0.0.0/7'))).toBe(false);
    expect(ipContains(p('10.0.0.0/8', '12.0.0.0/8'), p('10.255.255.255/32', '11.0.0.0/32'))).toBe(false);
    // merged adjacent ranges cover what spans both
    expect(ipContains(p('10.0.0.0/9', '10.128.0.0/9'), p('10.127.0.0/16', '10.126.0.0/15'))).toBe(true);
    expect(asContains(AS_ALL, [{ min: 0, max: 0 }, { min: 4294967295, max: 4294967295 }])).toBe(true);
    expect(asContains([{ min: 0, max: 4294967294 }], [{ min: 4294967295, max: 4294967295 }])).toBe(false);
    expect(asContains([{ min: 1, max: 10 }], [{ min: 0, max: 0 }])).toBe(false);
  });

  it('names exactly what an inner set claims beyond the outer one', () => {
    expect(ipSubtract(p('10.0.0.0/8'), p('10.0.0.0/9'))).toEqual(p('10.128.0.0/9'));
    expect(ipSubtract(p('10.0.0.0/8'), p('10.64.0.0/10'))).toEqual(p('10.0.0.0/10', '10.128.0.0/9'));
    expect(ipSubtract(p('0.0.0.0/0'), p('0.0.0.0/1', '128.0.0.0/1'))).toEqual([]);
    expect(ipSubtract(p('::/0'), p('::/1'))).toEqual(p('8000::/1'));
    expect(asSubtract(AS_ALL, [{ min: 1, max: 4294967294 }])).toEqual([{ min: 0, max: 0 }, { min: 4294967295, max: 4294967295 }]);
    expect(asSubtract([{ min: 5, max: 9 }], [{ min: 1, max: 2 }, { min: 6, max: 6 }, { min: 9, max: 20 }])).toEqual([
      { min: 5, max: 5 },
      { min: 7, max: 8 },
    ]);

    const issuer = set({ ipv4: p('192.0.2.0/24'), ipv6: p('2001:db8::/32'), asnum: [{ min: 64496, max: 64511 }] });
    const child = set({ ipv4: p('192.0.2.0/25', '198.51.100.0/24'), ipv6: p('2001:db8::/48'), asnum: [{ min: 64500, max: 64520 }] });
    const over = resourcesContain(issuer, child);
    expect(over).toEqual({ ipv4: p('198.51.100.0/24'), ipv6: [], asnum: [{ min: 64512, max: 64520 }] });
    expect(formatResourceSet(over)).toBe('198.51.100.0/24, AS64512-AS64520');
    expect(isEmptySet(resourcesContain(issuer, set({ ipv4: p('192.0.2.128/25'), asnum: [{ min: 64511, max: 64511 }] })))).toBe(true);
    expect(isEmptySet(resourcesContain(set({ ipv4: V4_ALL, ipv6: V6_ALL, asnum: AS_ALL }), child))).toBe(true);
  });
});

describe('intersection (RFC 8360)', () => {
  it('keeps what both sets hold', () => {
    expect(ipIntersect(p('10.0.0.0/8', '192.0.2.0/24'), p('10.128.0.0/9', '192.0.0.0/16', '203.0.113.0/24'))).toEqual(p('10.128.0.0/9', '192.0.2.0/24'));
    expect(ipIntersect(V6_ALL, p('2001:db8::/32'))).toEqual(p('2001:db8::/32'));
    expect(asIntersect([{ min: 0, max: 10 }, { min: 20, max: 30 }], [{ min: 5, max: 25 }])).toEqual([{ min: 5, max: 10 }, { min: 20, max: 25 }]);
    const r = intersectResources(set({ ipv4: V4_ALL, asnum: AS_ALL }), set({ ipv4: p('10.0.0.0/8'), ipv6: V6_ALL, asnum: [{ min: 7, max: 7 }] }));
    expect(r).toEqual({ ipv4: p('10.0.0.0/8'), ipv6: [], asnum: [{ min: 7, max: 7 }] });
  });
});

describe('inheritance', () => {
  const issuer = set({ ipv4: p('10.0.0.0/8'), asnum: [{ min: 1, max: 5 }] });

  it('takes inherited families from the issuer and keeps explicit ones', () => {
    const r = resolveInherit({ ip: { ipv4: 'inherit', ipv6: p('2001:db8::/32') }, as: { asnum: 'inherit' } }, issuer);
    expect(r).toEqual({ resources: { ipv4: p('10.0.0.0/8'), ipv6: p('2001:db8::/32'), asnum: [{ min: 1, max: 5 }] }, unresolved: [] });
    const none = resolveInherit({}, issuer);
    expect(none).toEqual({ resources: emptyResourceSet(), unresolved: [] });
  });

  it('lists families that inherit from an issuer holding none', () => {
    const r = resolveInherit({ ip: { ipv6: 'inherit' }, as: { asnum: [{ min: 3, max: 3 }] } }, issuer);
    expect(r.unresolved).toEqual(['ipv6']);
    expect(r.resources.ipv6).toEqual([]);
    // a trust anchor has no issuer: everything it inherits is unresolved
    const ta = { ip: { ipv4: 'inherit' as const, ipv6: V6_ALL }, as: { asnum: 'inherit' as const } };
    expect(resolveInherit(ta, emptyResourceSet()).unresolved).toEqual(['ipv4', 'asnum']);
    expect(claimInherits(ta)).toEqual(['ipv4', 'asnum']);
    expect(claimInherits({ ip: { ipv4: V4_ALL }, as: { rdi: 'inherit' } })).toEqual([]);
  });
});

describe('formatResourceSet', () => {
  it('prints prefixes, ranges and AS numbers, and caps long lists', () => {
    const s = set({ ipv4: [{ min: 0x2dc00000n, max: 0x2ddeffffn }], ipv6: V6_ALL, asnum: [{ min: 0, max: 0 }, { min: 7, max: 9 }] });
    expect(formatResourceSet(s)).toBe('45.192.0.0-45.222.255.255, ::/0, AS0, AS7-AS9');
    expect(formatResourceSet(s, 2)).toBe('45.192.0.0-45.222.255.255, ::/0 and 2 more');
    expect(formatResourceSet(emptyResourceSet())).toBe('none');
  });
});

describe('performance', () => {
  it('checks 20,000 inner ranges against 100,000 outer ranges in linear-logarithmic time', () => {
    const outer: IpRange[] = [];
    for (let i = 0n; i < 100_000n; i++) outer.push({ min: i * 256n, max: i * 256n + 127n });
    const inner = outer.filter((_, i) => i % 5 === 0).map((r) => ({ min: r.min + 1n, max: r.max - 1n }));
    const t0 = performance.now();
    expect(ipContains(outer, inner)).toBe(true);
    expect(ipSubtract(inner, outer)).toEqual([]);
    expect(ipContains(outer, [...inner, { min: 128n, max: 128n }].sort((a, b) => (a.min < b.min ? -1 : 1)))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
