import { describe, expect, it } from 'vitest';
import { makeCertificate, type Issuer } from '../builder/cert.ts';
import { makeCrl } from '../builder/crl.ts';
import type { RsaKey } from '../builder/keys.ts';
import { webCrypto } from '../crypto/webcrypto.ts';
import { hex } from '../der/values.ts';
import { encode, explicit, ia5String, integer, raw, sequence, type DerNode } from '../der/writer.ts';
import { Findings } from '../report/finding.ts';
import type { ClaimedResources } from '../resources/resource-set.ts';
import { makeValidCa } from '../validate/issuer.ts';
import { validateObject } from '../validate/publication-point.ts';
import { fixture } from '../../testing/fixtures.ts';
import { TEST_TIME, testSigner } from '../../testing/signed-objects.ts';
import { decodeCrl } from './crl.ts';
import { decodeObject } from './object.ts';
import { EContentType } from './signed-object.ts';
import { decodeTak, inspectTak, type Tak } from './tak.ts';

const REGRESS = 'real/openbsd-rpki-client-regress/tak';

function tak(name: string): Tak {
  const d = decodeTak(fixture(`${REGRESS}/${name}`));
  if (!d.ok) throw new Error(`${name}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

describe('decodeTak (RFC 9691)', () => {
  it('reads the current and successor keys of 05F53BCE….tak (APNIC testbed)', () => {
    const t = tak('05F53BCE4DAA11EDB9AC0C5B9E174E93.tak');
    expect(t.version).toBe(0);
    expect(t.current.comments).toEqual(['Current key for original TAL']);
    expect(t.current.certificateUris).toEqual(['rsync://rpki-testbed.apnic.net/repository/ED9D5F8E4DA911EDB9AC0C5B9E174E93/root.cer']);
    expect(t.successor?.comments).toEqual(['Successor key for original TAL']);
    expect(t.successor?.certificateUris).toEqual(['rsync://rpki-testbed.apnic.net/repository/F785A7404DA911EDB9AC0C5B9E174E93/root.cer']);
    expect(t.predecessor).toBeUndefined();
    // openssl asn1parse: the EE certificate's AKI is 08C485FC…934D8F, the SHA-1 of the current key
    expect(t.current.ski).toBe('08c485fca8a359f2ad0947e80fcd1f4852934d8f');
    expect(t.current.publicKey.type).toBe('rsa');
    expect(t.current.spki.length).toBe(294);
  });

  it('reads a TAK without successor and one whose successor repeats the current key', () => {
    const single = tak('42AE70A64DA711EDB37796549E174E93.tak');
    expect(single.current.comments).toEqual([]);
    expect(single.successor).toBeUndefined();
    const repeated = tak('B7C2334E4DA911EDAF862D5A9E174E93.tak');
    expect(repeated.successor?.certificateUris).toEqual(['rsync://example.invalid/root.cer']);
    expect(repeated.successor?.ski).toBe(repeated.current.ski);
  });

  it('reads the copies kept in rpki-commons interop alike', () => {
    const d = decodeTak(fixture('real/ripe-ncc-rpki-commons/interop/openbsd-regress/42AE70A64DA711EDB37796549E174E93.tak'));
    expect(d.ok && d.value.current.ski).toBe(tak('42AE70A64DA711EDB37796549E174E93.tak').current.ski);
  });
});

describe('inspectTak (RFC 9691 §4.3)', () => {
  it('finds the EE certificates issued by the current keys, with inherited resources', () => {
    for (const name of ['05F53BCE4DAA11EDB9AC0C5B9E174E93.tak', '42AE70A64DA711EDB37796549E174E93.tak', 'B7C2334E4DA911EDAF862D5A9E174E93.tak']) {
      const t = tak(name);
      const findings = new Findings();
      inspectTak(t, findings);
      expect(findings.list.filter((f) => f.code.startsWith('tak.')), name).toEqual([]);
      expect(t.signedObject.ee.aki).toBe(t.current.ski);
    }
  });

  it('reports a TAK signed under a key other than the current one', () => {
    const t = tak('05F53BCE4DAA11EDB9AC0C5B9E174E93.tak');
    const swapped = { ...t, current: t.successor ?? t.current };
    const findings = new Findings();
    inspectTak(swapped, findings);
    expect(findings.list.filter((f) => f.code.startsWith('tak.')).map((f) => `${f.stage}:${f.code}`)).toEqual(['inspect:tak.current.not-signer']);
  });
});

describe('RFC 9691 profile findings on crafted TAKs', () => {
  const DAY = 86400;
  const t = TEST_TIME;
  const base = 'rsync://example.net/repo/';
  const { keys, sign } = testSigner('tak.test');
  const ta: Issuer = { name: 'TA', key: keys.rsa(), certUri: `${base}ta.cer`, crlUri: `${base}ta/ta.crl` };
  const inherit: ClaimedResources = { ip: { ipv4: 'inherit', ipv6: 'inherit' }, as: { asnum: 'inherit' } };
  /** TAKey (§4.2.1): no comments, the certificate URIs, the key's SubjectPublicKeyInfo. */
  const taKey = (key: RsaKey, uris = [`${base}ta.cer`]) => sequence(sequence(), sequence(...uris.map((u) => ia5String(u))), raw(key.spki));
  /** A TAK of these fields (version, current, [0] predecessor, [1] successor), its EE certificate issued by `issuer`. */
  const signedTak = (fields: DerNode[], issuer = ta, resources = inherit) =>
    sign({ eContentType: EContentType.tak, eContent: encode(sequence(...fields)), uri: `${base}ta/key.tak`, resources }, issuer);
  const inspected = (tak: Tak) => {
    const findings = new Findings();
    inspectTak(tak, findings);
    return findings.list.filter((f) => f.code.startsWith('tak.'));
  };

  it('tak.version.invalid: version 1 is an error at decode (§4.2.2)', async () => {
    const d = decodeTak(await signedTak([explicit(0, integer(1)), taKey(ta.key)]));
    expect(d.ok).toBe(false);
    expect(d.value?.version).toBe(1);
    expect(d.findings).toEqual([
      expect.objectContaining({ code: 'tak.version.invalid', severity: 'error', stage: 'decode', spec: { rfc: 9691, section: '4.2.2' }, params: { value: 1, expected: 0 } }),
    ]);
  });

  it('tak.key.no-uri: a current key without certificate URIs is an error at decode (§4.2.1)', async () => {
    const d = decodeTak(await signedTak([taKey(ta.key, [])]));
    expect(d.ok).toBe(false);
    expect(d.findings).toEqual([
      expect.objectContaining({ code: 'tak.key.no-uri', severity: 'error', stage: 'decode', spec: { rfc: 9691, section: '4.2.1' }, params: { key: 'current' } }),
    ]);
  });

  it('tak.key.uri-invalid: an http:// successor URI is an error at decode (§4.2.1, RFC 8630 §2.2)', async () => {
    const uri = 'http://example.net/repo/next.cer';
    const d = decodeTak(await signedTak([taKey(ta.key), explicit(1, taKey(keys.rsa(), [uri]))]));
    expect(d.ok).toBe(false);
    expect(d.value?.successor?.certificateUris).toEqual([uri]);
    expect(d.findings).toEqual([
      expect.objectContaining({ code: 'tak.key.uri-invalid', severity: 'error', stage: 'decode', spec: { rfc: 9691, section: '4.2.1' }, params: { key: 'successor', uri } }),
    ]);
  });

  it('tak.ee.resources-not-inherit: explicit IPv4 resources on the EE certificate fail inspection (§4.3)', async () => {
    const d = decodeTak(await signedTak([taKey(ta.key)], ta, { ...inherit, ip: { ipv4: [{ min: 0x0a000000n, max: 0x0affffffn }], ipv6: 'inherit' } }));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(inspected(d.value)).toEqual([
      expect.objectContaining({
        code: 'tak.ee.resources-not-inherit',
        severity: 'error',
        stage: 'inspect',
        spec: { rfc: 9691, section: '4.3' },
        params: { family: 'IPv4' },
        at: d.value.signedObject.eeRange,
      }),
    ]);
  });

  it('tak.current.not-signer: a TAK whose current key did not issue its EE certificate fails inspection (§4.3)', async () => {
    const signer = decodeTak(await signedTak([taKey(ta.key)]));
    expect(signer.ok && inspected(signer.value)).toEqual([]);
    const other = keys.rsa();
    const d = decodeTak(await signedTak([taKey(other)]));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(inspected(d.value)).toEqual([
      expect.objectContaining({
        code: 'tak.current.not-signer',
        severity: 'error',
        stage: 'inspect',
        spec: { rfc: 9691, section: '4.3' },
        params: { ski: hex(other.ski), aki: hex(ta.key.ski) },
      }),
    ]);
  });

  it('tak.issuer.not-ta: a TAK issued by a CA below the trust anchor fails verification (§5)', async () => {
    const ctx = { time: t, crypto: webCrypto() };
    const ten = [{ min: 0x0a000000n, max: 0x0affffffn }];
    /** The CA `subject` as the walk hands it on: certificate signed by `issuer`, valid at `path`, with its CRL. */
    const validCa = async (subject: Issuer, kind: 'ta' | 'ca', issuer: Issuer, path: string[]) => {
      const repo = `${base}${subject.name.toLowerCase()}/`;
      const cert = decodeObject(
        `${subject.name}.cer`,
        await makeCertificate(
          { kind, serial: 2n, subject: subject.name, notBefore: t - DAY, notAfter: t + 365 * DAY, key: subject.key, sia: { caRepository: repo, rpkiManifest: `${repo}m.mft` }, resources: { ip: { ipv4: ten } } },
          issuer,
        ),
      );
      const crl = decodeCrl(await makeCrl({ thisUpdate: t - DAY, nextUpdate: t + DAY, crlNumber: 1n, revoked: [] }, subject));
      if (cert.type !== 'cer' || !cert.value || !crl.ok) throw new Error('the builder made an unreadable certificate or CRL');
      return { ca: makeValidCa(path[path.length - 1], cert.value, { ipv4: ten, ipv6: [], asnum: [] }, t + 365 * DAY, 'ta', path, ctx), crl: crl.value };
    };
    const validated = async (tak: Uint8Array, { ca, crl }: Awaited<ReturnType<typeof validCa>>) => {
      const findings = new Findings();
      const uri = `${ca.cert.sia.caRepository}key.tak`;
      const out = { reports: [], children: [], vrps: [], aspas: [], routerKeys: [] };
      const valid = await validateObject('tak', uri, tak, ca, crl, ctx, out, findings, { uri, type: 'tak', status: 'invalid', findings: findings.list });
      return { valid, findings: findings.list };
    };

    // Signed by the trust anchor itself: valid.
    const root = await validCa(ta, 'ta', ta, [ta.certUri!]);
    expect(await validated(await signedTak([taKey(ta.key)]), root)).toEqual({ valid: true, findings: [] });

    // The same kind of TAK, signed by (and naming as current) a CA one level below: rejected at verification.
    const ca: Issuer = { name: 'CA', key: keys.rsa(), certUri: `${base}ta/ca.cer`, crlUri: `${base}ca/ca.crl` };
    const below = await validCa(ca, 'ca', ta, [ta.certUri!, ca.certUri!]);
    expect(await validated(await signedTak([taKey(ca.key, [ca.certUri!])], ca), below)).toEqual({
      valid: false,
      findings: [expect.objectContaining({ code: 'tak.issuer.not-ta', severity: 'error', stage: 'verify', spec: { rfc: 9691, section: '5' } })],
    });
  });
});
