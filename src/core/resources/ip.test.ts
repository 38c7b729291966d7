import { describe, expect, it } from 'vitest';
import { Reject } from '../report/finding.ts';
import {
  decodeIpAddress,
  formatIp,
  formatIpRange,
  formatPrefix,
  parseIp,
  parsePrefix,
  prefixToRange,
  rangeToPrefix,
  rangeToPrefixes,
  type IpPrefix,
} from './ip.ts';
import { bits, octets, parse } from './testing.ts';

const v6 = (s: string) => parseIp(s).addr;
const rejectCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof Reject) return e.code;
    throw e;
  }
  return 'no reject';
};

describe('formatIp', () => {
  it('prints IPv4 as a dotted quad, including both ends of the space', () => {
    expect(formatIp('ipv4', 0n)).toBe('0.0.0.0');
    expect(formatIp('ipv4', 0xffffffffn)).toBe('255.255.255.255');
    expect(formatIp('ipv4', 0xc0000201n)).toBe('192.0.2.1');
  });

  it('prints IPv6 in RFC 5952 canonical form', () => {
    const g = (...groups: number[]) => groups.reduce((v, x) => (v << 16n) | BigInt(x), 0n);
    expect(formatIp('ipv6', g(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1))).toBe('2001:db8::1');
    expect(formatIp('ipv6', 0n)).toBe('::');
    expect(formatIp('ipv6', 1n)).toBe('::1');
    expect(formatIp('ipv6', g(1, 0, 0, 0, 0, 0, 0, 0))).toBe('1::');
    expect(formatIp('ipv6', g(0, 0, 0, 0, 0, 0xffff, 0, 0))).toBe('::ffff:0:0');
    // §4.2.3: the first of two equally long runs is the one shortened.
    expect(formatIp('ipv6', g(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1))).toBe('2001:db8::1:0:0:1');
    // §4.2.3: the longest run wins even when it comes second.
    expect(formatIp('ipv6', g(0x2001, 0, 0, 1, 0, 0, 0, 1))).toBe('2001:0:0:1::1');
    // §4.2.2: a single zero group is not shortened.
    expect(formatIp('ipv6', g(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1))).toBe('2001:db8:0:1:1:1:1:1');
    // §4.1 and §4.3: no leading zeros, lower case.
    expect(formatIp('ipv6', g(0x2001, 0x0db8, 0x00aa, 0x000b, 0xabcd, 0xef01, 0x0010, 0x0001))).toBe('2001:db8:aa:b:abcd:ef01:10:1');
    expect(formatIp('ipv6', (1n << 128n) - 1n)).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });

  it('prints prefixes and ranges', () => {
    expect(formatPrefix({ afi: 'ipv6', addr: v6('::ffff:0:0'), len: 96 })).toBe('::ffff:0:0/96');
    expect(formatPrefix({ afi: 'ipv4', addr: 0n, len: 0 })).toBe('0.0.0.0/0');
    expect(formatPrefix({ afi: 'ipv6', addr: 0n, len: 0 })).toBe('::/0');
    expect(formatIpRange('ipv4', { min: 0xc0000200n, max: 0xc00002ffn })).toBe('192.0.2.0/24');
    expect(formatIpRange('ipv4', { min: 0x2dc00000n, max: 0x2ddeffffn })).toBe('45.192.0.0-45.222.255.255');
  });
});

describe('parsePrefix / parseIp', () => {
  it('inverts formatPrefix', () => {
    for (const s of ['192.0.2.0/24', '0.0.0.0/0', '255.255.255.255/32', '2001:db8::/32', '::/0', '::ffff:0:0/96', '2001:db8::1:0:0:1/128']) {
      expect(formatPrefix(parsePrefix(s))).toBe(s);
    }
    expect(parsePrefix(' 10.0.0.0/8 ')).toEqual({ afi: 'ipv4', addr: 0x0a000000n, len: 8 });
    expect(parsePrefix('192.0.2.1')).toEqual({ afi: 'ipv4', addr: 0xc0000201n, len: 32 });
    expect(parsePrefix('2001:DB8::/32').addr).toBe(0x20010db8n << 96n);
  });

  it('reads the embedded IPv4 form and full-length IPv6', () => {
    expect(parseIp('::ffff:192.0.2.1')).toEqual({ afi: 'ipv6', addr: (0xffffn << 32n) | 0xc0000201n });
    expect(parseIp('1:2:3:4:5:6:7:8').addr).toBe(0x00010002000300040005000600070008n);
    expect(parseIp('1:2:3:4:5:6:7::').addr).toBe(0x00010002000300040005000600070000n);
  });

  it('throws on bad input', () => {
    for (const s of [
      '', '10.0.0.1/24', '1.2.3.4/33', '::/129', '1.2.3', '256.0.0.0', '01.2.3.4', '1.2.3.4.5', '10.0.0.0/08', '10.0.0.0/',
      '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2::3', 'fffff::', 'g::', '::1.2.3', '2001:db8::/32/1', 'AS1',
    ]) {
      expect(() => parsePrefix(s), s).toThrow();
    }
  });
});

describe('prefix ⇄ range', () => {
  it('converts at the edges of the address space', () => {
    expect(prefixToRange({ afi: 'ipv4', addr: 0n, len: 0 })).toEqual({ min: 0n, max: 0xffffffffn });
    expect(prefixToRange({ afi: 'ipv6', addr: 0n, len: 0 })).toEqual({ min: 0n, max: (1n << 128n) - 1n });
    expect(prefixToRange({ afi: 'ipv4', addr: 0xffffffffn, len: 32 })).toEqual({ min: 0xffffffffn, max: 0xffffffffn });
    expect(rangeToPrefix('ipv4', { min: 0n, max: 0xffffffffn })).toEqual({ afi: 'ipv4', addr: 0n, len: 0 });
    expect(rangeToPrefix('ipv6', { min: 5n, max: 5n })).toEqual({ afi: 'ipv6', addr: 5n, len: 128 });
    expect(rangeToPrefix('ipv4', { min: 1n, max: 2n })).toBeUndefined();
    expect(rangeToPrefix('ipv4', { min: 0n, max: 2n })).toBeUndefined();
  });

  it('splits a range into the fewest prefixes', () => {
    const show = (ps: IpPrefix[]) => ps.map(formatPrefix);
    // 45.192.0.0-45.222.255.255 from cer/arin-to-afrinic.cer
    expect(show(rangeToPrefixes('ipv4', { min: 0x2dc00000n, max: 0x2ddeffffn }))).toEqual([
      '45.192.0.0/12', '45.208.0.0/13', '45.216.0.0/14', '45.220.0.0/15', '45.222.0.0/16',
    ]);
    expect(show(rangeToPrefixes('ipv4', { min: 0n, max: 0xffffffffn }))).toEqual(['0.0.0.0/0']);
    expect(show(rangeToPrefixes('ipv6', { min: 0n, max: (1n << 128n) - 1n }))).toEqual(['::/0']);
    expect(show(rangeToPrefixes('ipv4', { min: 1n, max: 0xfffffffen }))).toHaveLength(62);
    const r = { min: v6('2001:600::'), max: v6('2001:bff:ffff:ffff:ffff:ffff:ffff:ffff') };
    expect(show(rangeToPrefixes('ipv6', r))).toEqual(['2001:600::/23', '2001:800::/22']);
  });
});

describe('decodeIpAddress', () => {
  it('reads a BIT STRING as a prefix (RFC 3779 §2.1.1 examples)', () => {
    expect(decodeIpAddress(parse(bits(0, 0x0a)), 'ipv4')).toEqual({ afi: 'ipv4', addr: 0x0a000000n, len: 8 });
    expect(decodeIpAddress(parse(bits(0, 0xc0, 0x00, 0x02)), 'ipv4')).toEqual({ afi: 'ipv4', addr: 0xc0000200n, len: 24 });
    // 10.64.0.0/12: 03 03 04 0a 40
    expect(decodeIpAddress(parse(bits(4, 0x0a, 0x40)), 'ipv4')).toEqual({ afi: 'ipv4', addr: 0x0a400000n, len: 12 });
    expect(decodeIpAddress(parse(bits(0)), 'ipv4')).toEqual({ afi: 'ipv4', addr: 0n, len: 0 });
    expect(decodeIpAddress(parse(bits(0)), 'ipv6')).toEqual({ afi: 'ipv6', addr: 0n, len: 0 });
    expect(formatPrefix(decodeIpAddress(parse(bits(0, 0x20, 0x01, 0x0d, 0xb8)), 'ipv6'))).toBe('2001:db8::/32');
    const host = decodeIpAddress(parse(bits(0, ...new Array<number>(16).fill(0xff))), 'ipv6');
    expect(host).toEqual({ afi: 'ipv6', addr: (1n << 128n) - 1n, len: 128 });
  });

  it('rejects addresses longer than the family and non-DER bit strings', () => {
    expect(rejectCode(() => decodeIpAddress(parse(bits(0, 1, 2, 3, 4, 5)), 'ipv4'))).toBe('resources.ip.address-too-long');
    // 33 bits: five octets with seven unused
    expect(rejectCode(() => decodeIpAddress(parse(bits(7, 1, 2, 3, 4, 0x80)), 'ipv4'))).toBe('resources.ip.address-too-long');
    expect(rejectCode(() => decodeIpAddress(parse(bits(0, ...new Array<number>(17).fill(0))), 'ipv6'))).toBe('resources.ip.address-too-long');
    expect(rejectCode(() => decodeIpAddress(parse(bits(8, 0x0a)), 'ipv4'))).toBe('der.value.invalid');
    expect(rejectCode(() => decodeIpAddress(parse(bits(4, 0x0a, 0x41)), 'ipv4'))).toBe('der.value.non-canonical');
    expect(rejectCode(() => decodeIpAddress(parse(octets(0x0a)), 'ipv4'))).toBe('der.tag.unexpected');
  });
});
