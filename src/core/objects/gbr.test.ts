import { describe, expect, it } from 'vitest';
import { Findings } from '../report/finding.ts';
import { fixture } from '../../testing/fixtures.ts';
import { testSigner } from '../../testing/signed-objects.ts';
import { decodeGbr, inspectGbr, readGbr } from './gbr.ts';
import { EContentType } from './signed-object.ts';

const BBN = 'real/ripe-ncc-rpki-commons/conformance/root';

function errors(path: string): string[] {
  return decodeGbr(fixture(path))
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.stage}:${f.code}`);
}

describe('decodeGbr (RFC 6493)', () => {
  it('reads the vCard of rpki-client regress jkpjwLmZhnrotSqF7o9qqEzSOXs.gbr', () => {
    const d = decodeGbr(fixture('real/openbsd-rpki-client-regress/gbr/jkpjwLmZhnrotSqF7o9qqEzSOXs.gbr'));
    if (!d.ok) throw new Error(d.findings.map((f) => f.code).join(', '));
    const g = d.value;
    expect(g.fn).toBe('Job Snijders');
    expect(g.org).toBe('Sobornost');
    expect(g.adr).toBe(';;Theodorus Majofskistraat 100;Amsterdam;;1065 SZ;The Netherlands');
    expect(g.tel).toBe('tel:+31-6-54942365');
    expect(g.email).toBe('job@sobornost.net');
    expect(g.properties.find((p) => p.name === 'TEL')?.params).toEqual(['TYPE=VOICE,TEXT,HOME', 'VALUE=uri']);
    expect(g.text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Job Snijders\r\n')).toBe(true);
    expect(g.text.endsWith('END:VCARD\r\n')).toBe(true);
  });

  it('accepts BBN goodGBRNothingWrong and keeps both TEL properties', () => {
    const d = decodeGbr(fixture(`${BBN}/goodGBRNothingWrong.gbr`));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.fn).toBe("Human's Name");
    expect(d.value.properties.filter((p) => p.name === 'TEL').map((p) => p.value)).toEqual(['tel:+1-666-555-1212', 'tel:+1-666-555-1213']);
  });

  it('rejects the BBN vCard defects', () => {
    expect(errors(`${BBN}/badGBRNotVCard.gbr`)).toEqual(['decode:gbr.vcard.invalid']);
    expect(errors(`${BBN}/badGBRNoContact.gbr`)).toEqual(['decode:gbr.vcard.no-contact']);
    expect(errors(`${BBN}/badGBRWrongOID.gbr`)).toEqual(['decode:cms.e-content-type.unexpected']);
    const extra = decodeGbr(fixture(`${BBN}/badGBRExtraProperty.gbr`)).findings.filter((f) => f.severity === 'error');
    expect(extra.map((f) => [f.code, f.params.name])).toEqual([['gbr.vcard.property-forbidden', 'TITLE']]);
  });

  it('rejects vCard 3.0 records with N, as real RIPE NCC ones are (RFC 6493 §5 wants 4.0 and no N)', () => {
    expect(errors('real/ties-rpki-rrdp-tools-py/NKcuY5DvQmG0vwsI6MT4nqcBcoI.gbr')).toEqual([
      'decode:gbr.vcard.version',
      'decode:gbr.vcard.property-forbidden',
    ]);
  });

  it('rejects a base64 text where DER was expected (rpki-monitoring corrupted_….gbr)', () => {
    expect(decodeGbr(fixture('real/ripe-ncc-rpki-monitoring/rsync_data/repository/corrupted_5GzpWH5N-vMm_nh7A93VwzaW4zk.gbr')).ok).toBe(false);
  });
});

describe('inspectGbr (RFC 6493 §6)', () => {
  function inspected(path: string): string[] {
    const findings = new Findings();
    const g = readGbr(fixture(path), findings);
    const before = findings.list.length;
    inspectGbr(g, findings);
    return findings.list.slice(before).map((f) => `${f.stage}:${f.code}:${f.params.family}`);
  }

  it('wants inherited EE resources', () => {
    expect(inspected(`${BBN}/goodGBRNothingWrong.gbr`)).toEqual([]);
    expect(inspected(`${BBN}/badGBRIPv4NotInherit.gbr`)).toEqual(['inspect:gbr.ee.resources-not-inherit:IPv4']);
    expect(inspected(`${BBN}/badGBRIPv6NotInherit.gbr`)).toEqual(['inspect:gbr.ee.resources-not-inherit:IPv6']);
    expect(inspected(`${BBN}/badGBRASNotInherit.gbr`)).toEqual(['inspect:gbr.ee.resources-not-inherit:AS']);
  });
});

describe('gbr.vcard.fn-missing (RFC 6493 §5)', () => {
  const { sign } = testSigner('gbr.test');
  /** A Ghostbusters record carrying `lines` as its vCard, its EE certificate inheriting everything (§6). */
  const signedGbr = (lines: string[]) =>
    sign({
      eContentType: EContentType.gbr,
      eContent: new TextEncoder().encode(lines.map((l) => `${l}\r\n`).join('')),
      uri: 'rsync://example.net/repo/ca/contact.gbr',
      resources: { ip: { ipv4: 'inherit', ipv6: 'inherit' }, as: { asnum: 'inherit' } },
    });

  it('rejects a vCard without FN at decode, and accepts it once FN is added', async () => {
    const body = ['BEGIN:VCARD', 'VERSION:4.0', 'EMAIL:noc@example.net', 'END:VCARD'];
    const d = decodeGbr(await signedGbr(body));
    expect(d.ok).toBe(false);
    expect(d.findings).toEqual([
      expect.objectContaining({ code: 'gbr.vcard.fn-missing', severity: 'error', stage: 'decode', spec: { rfc: 6493, section: '5' } }),
    ]);
    expect(d.value?.email).toBe('noc@example.net');
    const named = decodeGbr(await signedGbr([...body.slice(0, 2), 'FN:Network Operations', ...body.slice(2)]));
    expect(named.ok && named.value.fn).toBe('Network Operations');
    expect(named.findings).toEqual([]);
  });
});
