import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex } from '../der/values.ts';
import { Findings } from '../report/finding.ts';
import { FIXTURES, fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { decodeAspa, decodeAspaContent, inspectAspa, readAspa, type Aspa } from './aspa.ts';

const INTEROP = 'real/ripe-ncc-rpki-commons/interop/aspa';
const REGRESS = 'real/openbsd-rpki-client-regress/aspa';

function aspa(path: string, bytes = fixture(path)): Aspa {
  const d = decodeAspa(bytes);
  if (!d.ok) throw new Error(`${path}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

function errors(path: string): string[] {
  return decodeAspa(fixture(path))
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.stage}:${f.code}`);
}

/** Crafted bare eContent: SEQUENCE { [0] { INTEGER version }?, INTEGER customer, SEQUENCE OF INTEGER providers }. */
function content(version: number | undefined, customer: number, providers: number[]): Uint8Array {
  const int = (n: number): number[] => {
    const b: number[] = [];
    for (let v = n; ; v = Math.floor(v / 256)) {
      b.unshift(v % 256);
      if (v < 256) break;
    }
    if (b[0] & 0x80) b.unshift(0);
    return [0x02, b.length, ...b];
  };
  const tlv = (tag: number, body: number[]) => [tag, body.length, ...body];
  const v = version === undefined ? [] : tlv(0xa0, int(version));
  return Uint8Array.from(tlv(0x30, [...v, ...int(customer), ...tlv(0x30, providers.flatMap(int))]));
}

function contentCodes(bytes: Uint8Array): string[] {
  return decodeAspaContent(bytes).findings.map((f) => `${f.stage}:${f.code}`);
}

describe('decodeAspa (draft-ietf-sidrops-aspa-profile)', () => {
  it('reads the rpki-commons GOOD-profile-15 objects', () => {
    const sample = aspa(`${INTEROP}/GOOD-profile-15-draft-ietf-sidrops-profile-15-sample.asa`);
    expect([sample.version, sample.customerAsId, sample.providers]).toEqual([1, 15562, [2914, 8283, 51088, 206238]]);
    const apnic = aspa(`${INTEROP}/GOOD-profile-15-APNIC-rpki-aspa-demo-AS1000.asa`);
    expect([apnic.customerAsId, apnic.providers]).toEqual([1000, [1025]]);
    const generated = aspa(`${INTEROP}/GOOD-profile-15-rpki-commons-propertytest-sample.asa`);
    // SOURCES.md: 82 providers; openssl shows the first as 02 04 12 cb 8e 69
    expect(generated.providers).toHaveLength(82);
    expect(generated.providers[0]).toBe(0x12cb8e69);
    expect(generated.providers.every((p, i) => i === 0 || generated.providers[i - 1] < p)).toBe(true);
  });

  it('rejects the rpki-commons BAD objects for the documented reason', () => {
    // version absent (DEFAULT 0), otherwise profile 15
    expect(errors(`${INTEROP}/BAD-profile-15-APNIC-rpki-aspa-demo-AS1000.asa`)).toEqual(['decode:aspa.version.invalid']);
    // version tagged IMPLICIT: 80 01 01 where the EXPLICIT module wants A0 03 02 01 01
    expect(errors(`${INTEROP}/BAD-profile-15-rpki-commons-propertytest-sample-implicit-tag.asa`)).toEqual(['decode:der.tag.unexpected']);
    expect(errors(`${INTEROP}/BAD-profile-13-AS211321-profile-13.asa`)).toEqual(['decode:aspa.profile.obsolete']);
    expect(errors(`${INTEROP}/BAD-profile-13-no-signingtime-aspa-rpkimancer.asa`)).toEqual(['decode:aspa.profile.obsolete']);
  });

  it('reads the current-profile rpki-client regress objects and refuses the pre-profile-15 ones', () => {
    expect(aspa(`${REGRESS}/5m80fwYws_3FiFD7JiQjAqZ1RYQ.asa`).providers).toEqual([2914, 8283, 51088, 206238]);
    expect(aspa(`${REGRESS}/AS1000.asa`).customerAsId).toBe(1000);
    for (const old of ['2338bd30', '5c67c85c', '63bbc457', 'c27f17d9', 'd6915eb7']) {
      const [name] = fixtureFiles(REGRESS, (f) => f.includes(`/${old}`));
      expect(errors(name), name).toEqual(['decode:aspa.profile.obsolete']);
    }
  });

  it('reads rpki-prover AS204325.asa and the xTom ASPA of the Erik demo', () => {
    const prover = aspa('real/rpki-prover/AS204325.asa');
    expect([prover.customerAsId, prover.providers]).toEqual([204325, [65000, 65002, 65003]]);
    const xtom = aspa('real/apnic-rpki-erik-demo/repo/rpki.roa.net/rrdp/xTom/58/AS138038.asa');
    expect([xtom.customerAsId, xtom.providers]).toEqual([138038, [4785]]);
    expect(errors('real/rpki-prover/aspa.1.asa')).toEqual(['decode:aspa.profile.obsolete']);
  });

  it('rejects AS203635.asa as stored, with its 32-byte SHA-256 prefix, and reads what follows it', () => {
    const bytes = fixture('real/ties-rpki-rrdp-tools-py/AS203635.asa');
    expect(decodeAspa(bytes).ok).toBe(false);
    const rest = bytes.subarray(32);
    expect(hex(bytes.subarray(0, 32))).toBe(createHash('sha256').update(rest).digest('hex'));
    const a = aspa('AS203635.asa without prefix', rest);
    expect([a.customerAsId, a.providers]).toEqual([203635, [48581, 50224, 60310, 204857]]);
  });

  it('gives the validated ASPA payloads of the forge medium repository', () => {
    const got = fixtureFiles('forge/medium/repo', (f) => f.endsWith('.asa'))
      .map((p) => aspa(p))
      .map((a) => `${a.customerAsId},${a.providers.join(' ')}`)
      .sort();
    const expected = readFileSync(join(FIXTURES, 'forge/medium/expected-aspa.csv'), 'utf8').trim().split('\n').slice(1);
    expect(got).toEqual(expected);
  });
});

describe('decodeAspaContent', () => {
  it('reads the bare eContent of the rpki-rs test data and refuses the draft-13 one', () => {
    const d = decodeAspaContent(fixture('real/nlnetlabs-rpki-rs/repository/aspa-content.der'));
    expect(d.ok && [d.value.customerAsId, d.value.providers]).toEqual([15562, [2914, 8283, 51088, 206238]]);
    expect(contentCodes(fixture('real/nlnetlabs-rpki-rs/repository/aspa-content-draft-13.der'))).toEqual(['decode:aspa.profile.obsolete']);
  });

  it('matches the eContent of APNIC AS1000.asa kept beside it', () => {
    const d = decodeAspaContent(fixture('real/apnic-rpki-aspa-demo/AS1000.asa.object'));
    expect(d.ok && [d.value.version, d.value.customerAsId, d.value.providers]).toEqual([1, 1000, [1025]]);
  });

  it('reports crafted version and ASID range defects', () => {
    expect(contentCodes(content(1, 64500, [64501, 64502]))).toEqual([]);
    expect(contentCodes(content(2, 64500, [64501]))).toEqual(['decode:aspa.version.invalid']);
    expect(contentCodes(content(undefined, 64500, [64501]))).toEqual(['decode:aspa.version.invalid']);
    expect(contentCodes(content(0, 64500, [64501]))).toEqual(['decode:cms.e-content.version-default-encoded', 'decode:aspa.version.invalid']);
    expect(contentCodes(content(1, 64500, [4294967296]))).toEqual(['decode:der.value.out-of-range']);
  });

  // Each is read to the end (the value is kept for the inspector) and rejected with this one error.
  it.each([
    // §3.2 customerASID: a positive integer (AS0 is reserved, RFC 7607)
    ['aspa.customer-asid.zero', 'customer AS0', content(1, 0, [64501])],
    // §3.3 ProviderASSet ::= SEQUENCE (SIZE(1..MAX)) OF ASID, ascending, unique, not the customer
    ['aspa.providers.empty', 'no provider', content(1, 64500, [])],
    ['aspa.providers.not-sorted', 'providers descending', content(1, 64500, [64502, 64501])],
    ['aspa.providers.duplicate', 'a provider twice', content(1, 64500, [64501, 64501])],
    ['aspa.providers.contains-customer', 'the customer among the providers', content(1, 64500, [64499, 64500])],
  ])('rejects %s: %s', (code, _, bytes) => {
    const d = decodeAspaContent(bytes);
    expect([d.ok, d.value?.version]).toEqual([false, 1]);
    expect(d.findings.map((f) => [f.code, f.severity, f.stage])).toEqual([[code, 'error', 'decode']]);
  });
});

describe('inspectAspa', () => {
  /** The findings of decoding and inspecting an ASPA, as [code, severity, stage]. */
  function inspected(bytes: Uint8Array): string[][] {
    const findings = new Findings();
    inspectAspa(readAspa(bytes, findings), findings);
    return findings.list.map((f) => [f.code, f.severity, f.stage]);
  }

  it('finds nothing wrong with a forge ASPA', () => {
    const [path] = fixtureFiles('forge/medium/repo', (f) => f.endsWith('.asa'));
    expect(inspected(fixture(path))).toEqual([]);
  });

  it('rejects the self-issued EE certificate of rpki-client regress AS945.asa', () => {
    expect(inspected(fixture(`${REGRESS}/AS945.asa`))).toEqual([['cert.self-issued', 'error', 'inspect']]);
  });
});
