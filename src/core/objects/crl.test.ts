import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { makeCertificate } from '../builder/cert.ts';
import { makeCrl, type CrlSpec } from '../builder/crl.ts';
import { KeyRing } from '../builder/keys.ts';
import { WEAK_KEY_POOL } from '../builder/weak-key-pool.ts';
import type { FindingCode } from '../report/catalog.ts';
import { Findings, type Finding } from '../report/finding.ts';
import { FIXTURES, fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { SHA256_WITH_RSA } from '../x509/algorithm.ts';
import { OID } from '../x509/extensions.ts';
import { bool, bits, ctxc, ctxp, int, nul, octets, oid, printable, seq, set, time } from '../x509/test-der.ts';
import { makeValidCa, verifyCrl } from '../validate/issuer.ts';
import { decodeCert } from './cert.ts';
import { decodeCrl, inspectCrl, type Crl } from './crl.ts';

const RIPE_TA_CRL = 'real/ripe-ncc-rpki-ta-0/ta.xml-objects/01-ta.crl';
const BBN = 'real/ripe-ncc-rpki-commons/conformance/root';
const iso = (t: number) => new Date(t * 1000).toISOString();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function decoded(bytes: Uint8Array): Crl {
  const d = decodeCrl(bytes);
  if (!d.ok) throw new Error(`decode failed: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

function check(bytes: Uint8Array): Finding[] {
  const d = decodeCrl(bytes);
  if (!d.ok) return d.findings;
  const f = new Findings();
  f.list.push(...d.findings);
  inspectCrl(d.value, f);
  return f.list;
}

const errors = (list: Finding[]) => list.filter((f) => f.severity === 'error').map((f) => f.code);
const nonErrors = (list: Finding[]) => list.filter((f) => f.severity !== 'error').map((f) => f.code);

/** BBN CRL cases the CRL alone shows. */
const BBN_FLAGGED: Record<string, FindingCode> = {
  'CRL2CRLNums/badCRL2CRLNums.crl': 'x509.extension.duplicate',
  'CRLDeltaCRLInd/badCRLDeltaCRLInd.crl': 'crl.extension.forbidden',
  'CRLEntryHasExtension/badCRLEntryHasExtension.crl': 'crl.entry.extensions',
  'CRLEntryReason/badCRLEntryReason.crl': 'crl.entry.extensions',
  'CRLEntrySerNum0/badCRLEntrySerNum0.crl': 'crl.entry.serial',
  'CRLEntrySerNumNeg/badCRLEntrySerNumNeg.crl': 'crl.entry.serial',
  'CRLEntrySerNumTooBig/badCRLEntrySerNumTooBig.crl': 'crl.entry.serial',
  'CRLIssAltName/badCRLIssAltName.crl': 'crl.extension.forbidden',
  'CRLIssDistPt/badCRLIssDistPt.crl': 'crl.extension.forbidden',
  'CRLIssuer2Seq/badCRLIssuer2Seq.crl': 'x509.issuer.common-name.multiple',
  'CRLIssuer2Sets/badCRLIssuer2Sets.crl': 'x509.issuer.common-name.multiple',
  'CRLIssuerOID/badCRLIssuerOID.crl': 'x509.issuer.attribute.unexpected',
  'CRLIssuerSeq2SerNums/badCRLIssuerSeq2SerNums.crl': 'x509.issuer.serial-number.multiple',
  'CRLIssuerSerNum/badCRLIssuerSerNum.crl': 'x509.issuer.common-name.missing',
  'CRLIssuerSet2SerNums/badCRLIssuerSet2SerNums.crl': 'x509.issuer.serial-number.multiple',
  'CRLNextUpdateTyp/badCRLNextUpdateTyp.crl': 'x509.time.generalized-before-2050',
  'CRLThisUpdateTyp/badCRLThisUpdateTyp.crl': 'x509.time.generalized-before-2050',
  'CRLNoAKI/badCRLNoAKI.crl': 'crl.aki.missing',
  'CRLNoCRLNum/badCRLNoCRLNum.crl': 'crl.number.missing',
  'CRLNoVersion/badCRLNoVersion.crl': 'crl.version.not-v2',
  'CRLVersion0/badCRLVersion0.crl': 'crl.version.not-v2',
  'CRLVersion2/badCRLVersion2.crl': 'crl.version.not-v2',
  'CRLNumber2Big/badCRLNumber2Big.crl': 'crl.number.range',
  'CRLNumberNeg/badCRLNumberNeg.crl': 'crl.number.range',
  'CRLSigAlgInner/badCRLSigAlgInner.crl': 'crl.signature-algorithm.mismatch',
  'CRLSigAlgOuter/badCRLSigAlgOuter.crl': 'crl.signature-algorithm.mismatch',
  'CRLSigAlgMatchButWrong/badCRLSigAlgMatchButWrong.crl': 'crl.signature-algorithm.unsupported',
  'CRLUpdatesCrossed/badCRLUpdatesCrossed.crl': 'crl.updates-crossed',
};
const BBN_DECODE_FAILS = new Set(['CRL2CRLNums/badCRL2CRLNums.crl', 'CRLNextUpdateTyp/badCRLNextUpdateTyp.crl', 'CRLThisUpdateTyp/badCRLThisUpdateTyp.crl']);
/** Needs an evaluation time: staleness is judged by verification. */
const BBN_NEEDS_TIME = ['CRLNextUpdatePast/badCRLNextUpdatePast.crl'];
/** Seen on the CRL but only warned about, as production validators accept it. */
const BBN_TOLERATED: Record<string, FindingCode> = { 'CRLIssuerUTF/badCRLIssuerUTF.crl': 'x509.issuer.common-name.utf8' };

describe('decodeCrl on every real CRL', () => {
  const files = fixtureFiles('real', (p) => p.endsWith('.crl'));

  it('never throws and reads all but the deliberately broken ones', () => {
    expect(files.length).toBeGreaterThan(1000);
    const failed: string[] = [];
    for (const path of files) {
      const d = decodeCrl(fixture(path));
      expect(d.findings.map((f) => f.code), path).not.toContain('internal.bug');
      if (!d.ok) failed.push(path);
    }
    expect(failed).toEqual([...BBN_DECODE_FAILS].sort().map((f) => `${BBN}/${f}`));
  });

  it('finds every CRL outside the conformance suite free of profile errors', () => {
    const warned = new Map<string, number>();
    let n = 0;
    for (const path of files) {
      if (path.includes('/conformance/')) continue;
      const found = check(fixture(path));
      expect(errors(found), path).toEqual([]);
      for (const c of nonErrors(found)) warned.set(c, (warned.get(c) ?? 0) + 1);
      n++;
    }
    expect(n).toBe(999);
    // Krill's empty revokedCertificates lists (krill#1197) and xTom's UTF8String issuer name.
    expect(Object.fromEntries(warned)).toEqual({ 'crl.revoked.empty': 37, 'x509.issuer.common-name.utf8': 1 });
  });
});

describe('decodeCrl field values (checked with openssl crl -text)', () => {
  it('reads RIPE NCC TA CRL #53 with its four revoked serials', () => {
    const bytes = fixture(RIPE_TA_CRL);
    const crl = decoded(bytes);
    expect(crl.version).toBe(1);
    expect(crl.signatureAlgorithm).toBe(SHA256_WITH_RSA);
    expect(crl.issuer.text).toBe('CN=ripe-ncc-ta');
    expect(iso(crl.thisUpdate)).toBe('2019-10-28T12:05:51.000Z');
    expect(iso(crl.nextUpdate)).toBe('2020-01-28T12:05:51.000Z');
    expect(crl.aki).toBe('e8552b1fd6d1a4f7e404c6d8e5680d1ebc163fc3');
    expect(crl.crlNumber).toBe(53n);
    expect(crl.revoked.map((e) => [e.serial, iso(e.date)])).toEqual([
      ['d6', '2019-05-15T12:24:36.000Z'],
      ['d8', '2019-08-06T12:08:48.000Z'],
      ['da', '2019-10-28T12:05:51.000Z'],
      ['db', '2019-10-28T12:05:51.000Z'],
    ]);
    expect(crl.revokedSerials.has('da')).toBe(true);
    expect(crl.revokedSerials.has('d7')).toBe(false);
    expect(crl.tbs.buffer).toBe(bytes.buffer);
    expect(crl.signature).toHaveLength(256);
    expect(Buffer.from(crl.signature.subarray(0, 4)).toString('hex')).toBe('7295f265');
    const f = new Findings();
    inspectCrl(crl, f);
    expect(f.list).toEqual([]);
  });

  it('reads the rpki-rs TA and CA CRLs', () => {
    const ta = decoded(fixture('real/nlnetlabs-rpki-rs/repository/ta.crl'));
    expect(ta.crlNumber).toBe(50n);
    expect(iso(ta.thisUpdate)).toBe('2019-02-26T13:14:44.000Z');
    expect(iso(ta.nextUpdate)).toBe('2019-05-26T13:14:44.000Z');
    expect(ta.revoked.map((e) => e.serial)).toEqual(['cc', 'ce', 'd0', 'd2', 'd4', 'd5']);
    expect(iso(ta.revoked[0].date)).toBe('2018-05-01T13:33:16.000Z');
    const ca = decoded(fixture('real/nlnetlabs-rpki-rs/repository/ca1.crl'));
    expect(ca.crlNumber).toBe(1702n);
    expect(ca.issuer.text).toBe('CN=2a7dd1d787d793e4c8af56e197d4eed92af6ba13');
    expect(ca.revoked).toHaveLength(163);
    // Lowercase hex without the leading zero octet openssl prints (01038472).
    expect(ca.revoked.slice(0, 3).map((e) => e.serial)).toEqual(['ef80fd', 'f4799e', '1038472']);
    expect(ca.revoked.at(-1)?.serial).toBe('57e0f48');
    expect(ca.revokedSerials.size).toBe(163);
  });

  it('warns about the empty revokedCertificates SEQUENCE Krill emits', () => {
    const bytes = fixture('real/nlnetlabs-krill-testbed/tree-2022-06-02/testbed.krill.cloud/repo/ca/1/A9DE22AAD52D82FCF91542F6382B69B930454291.crl');
    const crl = decoded(bytes);
    expect(crl.revoked).toEqual([]);
    expect(crl.revokedListEmpty).toBe(true);
    expect(crl.crlNumber).toBe(42n);
    expect(check(bytes).map((f) => [f.code, f.severity])).toEqual([['crl.revoked.empty', 'warning']]);
  });
});

describe('BBN conformance suite, CRLs (decode + inspect)', () => {
  const all = readdirSync(join(FIXTURES, BBN), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.crl'));
  const bad = all.filter((f) => f.split('/').pop()!.startsWith('bad'));
  const good = all.filter((f) => f.split('/').pop()!.startsWith('good'));

  it('classifies every badCRL*.crl exactly once', () => {
    const listed = [...Object.keys(BBN_FLAGGED), ...BBN_NEEDS_TIME, ...Object.keys(BBN_TOLERATED)];
    expect(listed.sort()).toEqual(bad.sort());
    expect(bad).toHaveLength(30);
  });

  it.each(Object.entries(BBN_FLAGGED))('%s → %s', (file, code) => {
    const bytes = fixture(`${BBN}/${file}`);
    expect(decodeCrl(bytes).ok).toBe(!BBN_DECODE_FAILS.has(file));
    expect(errors(check(bytes))).toContain(code);
  });

  it('leaves staleness to verification and only warns about a UTF8String issuer', () => {
    for (const file of BBN_NEEDS_TIME) expect(check(fixture(`${BBN}/${file}`))).toEqual([]);
    for (const [file, code] of Object.entries(BBN_TOLERATED)) {
      const found = check(fixture(`${BBN}/${file}`));
      expect(errors(found)).toEqual([]);
      expect(nonErrors(found)).toEqual([code]);
    }
  });

  it('accepts every goodCRL*.crl (maximum serial, CRL number zero and maximum, issuer name matching)', () => {
    expect(good).toHaveLength(6);
    for (const file of good) expect(check(fixture(`${BBN}/${file}`)), file).toEqual([]);
    expect(decoded(fixture(`${BBN}/CRLNumberMax/goodCRLNumberMax.crl`)).crlNumber).toBe(2n ** 159n - 1n);
    expect(decoded(fixture(`${BBN}/CRLNumberZero/goodCRLNumberZero.crl`)).crlNumber).toBe(0n);
  });
});

describe('crafted CRLs', () => {
  const alg = seq(oid(SHA256_WITH_RSA), nul());
  const ext = (id: string, value: Uint8Array, critical?: boolean) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
  const aki = ext(OID.authorityKeyIdentifier, seq(ctxp(0, new Uint8Array(20).fill(0xab))));
  const num = ext(OID.crlNumber, int(7));
  const entry = (serial: number | bigint) => seq(int(serial), time('2026-11-01T00:00:00Z'));
  function craft(o: { next?: boolean; revoked?: Uint8Array[]; exts?: Uint8Array[] } = {}): Uint8Array {
    const tbs = seq(
      int(1),
      alg,
      seq(set(seq(oid('2.5.4.3'), printable('ca')))),
      time('2026-11-20T00:00:00Z'),
      ...(o.next === false ? [] : [time('2026-11-21T00:00:00Z')]),
      ...(o.revoked ? [seq(...o.revoked)] : []),
      ctxc(0, seq(...(o.exts ?? [aki, num]))),
    );
    return seq(tbs, alg, bits(new Uint8Array(256)));
  }

  it('builds a clean baseline', () => {
    const crl = decoded(craft({ revoked: [entry(0x1234)] }));
    expect(crl.aki).toBe('ab'.repeat(20));
    expect(crl.revoked.map((e) => e.serial)).toEqual(['1234']);
    expect(check(craft({ revoked: [entry(0x1234)] }))).toEqual([]);
  });

  it('refuses a CRL without nextUpdate at decode (RFC 6487 §5)', () => {
    const d = decodeCrl(craft({ next: false }));
    expect(d.ok).toBe(false);
    expect(d.findings.map((f) => [f.code, f.stage])).toEqual([['crl.next-update.missing', 'decode']]);
  });

  it('checks the AKI and CRL number extensions', () => {
    expect(errors(check(craft({ exts: [aki, ext(OID.crlNumber, int(7), true)] })))).toEqual(['crl.number.critical']);
    expect(errors(check(craft({ exts: [ext(OID.authorityKeyIdentifier, seq(ctxp(0, [1, 2, 3]))), num] })))).toEqual(['crl.aki.length']);
    expect(errors(check(craft({ exts: [ext(OID.authorityKeyIdentifier, seq(ctxp(0, new Uint8Array(20)), ctxp(2, [1]))), num] })))).toEqual([
      'crl.aki.issuer-serial',
    ]);
    expect(errors(check(craft({ exts: [aki, num, ext('2.5.29.46', seq())] })))).toEqual(['crl.extension.forbidden']);
  });

  it('reports one finding per kind of bad entry, however many entries share it', () => {
    const found = check(craft({ revoked: [entry(0), entry(-1), entry(2n ** 160n), entry(5)] }));
    expect(found.map((f) => [f.code, f.params.serial])).toEqual([['crl.entry.serial', '0']]);
  });

  it('RFC 6487 §4.8.3 (as §5 applies it): a critical AKI, and an AKI without keyIdentifier', () => {
    const critical = ext(OID.authorityKeyIdentifier, seq(ctxp(0, new Uint8Array(20).fill(0xab))), true);
    const bytes = craft({ exts: [critical, num] });
    expect(decodeCrl(bytes).ok).toBe(true);
    const found = check(bytes);
    expect(found.map((f) => [f.code, f.severity, f.stage])).toEqual([['crl.aki.critical', 'error', 'inspect']]);
    expect(bytes.subarray(found[0].at!.start, found[0].at!.end)).toEqual(critical);
    // Every field of AuthorityKeyIdentifier is OPTIONAL (RFC 5280 §4.2.1.1): an empty SEQUENCE decodes, naming no key.
    const empty = craft({ exts: [ext(OID.authorityKeyIdentifier, seq()), num] });
    expect(decoded(empty).aki).toBeUndefined();
    expect(check(empty).map((f) => [f.code, f.severity, f.stage])).toEqual([['crl.aki.key-identifier.missing', 'error', 'inspect']]);
  });

  it('survives every truncation of a real CRL', () => {
    const bytes = fixture(RIPE_TA_CRL);
    for (let n = 0; n < bytes.length; n++) {
      const d = decodeCrl(bytes.subarray(0, n));
      expect(d.ok).toBe(false);
      expect(d.findings.map((f) => f.code)).not.toContain('internal.bug');
    }
  });
});

describe('CRL against its issuing CA (RFC 6487 §5, RFC 5280 §6.3.3)', () => {
  const time = Date.parse('2026-01-01T00:00:00Z') / 1000;
  const ring = new KeyRing(WEAK_KEY_POOL, 'crl-aki');
  const key = ring.rsa();
  const other = ring.rsa();
  const spec: CrlSpec = { thisUpdate: time - 3600, nextUpdate: time + 3600, crlNumber: 1n, revoked: [] };

  it('rejects a CRL whose AKI is not the CA\'s SKI, though the CA\'s key signed it', async () => {
    const caBytes = await makeCertificate(
      {
        kind: 'ta',
        serial: 1n,
        subject: 'ca',
        notBefore: time - 86400,
        notAfter: time + 86400,
        key,
        sia: { caRepository: 'rsync://example.net/repo/', rpkiManifest: 'rsync://example.net/repo/ca.mft' },
        resources: { as: { asnum: [{ min: 64500, max: 64500 }] } },
      },
      { name: 'ca', key },
    );
    const ca = decodeCert(caBytes);
    if (!ca.ok) throw new Error('the CA certificate decodes');
    const ctx = { time, crypto: nodeCrypto() };
    const issuer = makeValidCa('rsync://example.net/ca.cer', ca.value, { ipv4: [], ipv6: [], asnum: [] }, ca.value.notAfter, 'ta', [], ctx);
    const verify = async (bytes: Uint8Array) => {
      const f = new Findings();
      return { ok: await verifyCrl(decoded(bytes), issuer, ctx, f), findings: f.list };
    };
    expect(await verify(await makeCrl(spec, { name: 'ca', key }))).toEqual({ ok: true, findings: [] });
    // Signed with the CA's key, but its AKI names another key: clean on its own, refused against the CA.
    const bytes = await makeCrl(spec, { name: 'ca', key: { ...key, ski: other.ski } });
    expect(check(bytes)).toEqual([]);
    const { ok, findings } = await verify(bytes);
    expect(ok).toBe(false);
    expect(findings.map((f) => [f.code, f.severity, f.stage, f.params])).toEqual([
      ['crl.aki.mismatch', 'error', 'verify', { aki: hex(other.ski), ski: hex(key.ski) }],
    ]);
  });
});
