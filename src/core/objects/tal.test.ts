import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { DerReader, Tag } from '../der/reader.ts';
import { hex } from '../der/values.ts';
import type { Decoded } from '../report/finding.ts';
import { decodeBase64, decodeTal, type Tal } from './tal.ts';

const RSA_2048_SPKI_HEAD = '30820122300d06092a864886f70d0101010500';
const codes = (d: Decoded<unknown>) => d.findings.map((f) => f.code);
const tal = (path: string): Tal => {
  const d = decodeTal(fixture(path), path);
  if (!d.ok) throw new Error(`${path}: ${codes(d).join(', ')}`);
  return d.value;
};

/** The SubjectPublicKeyInfo TLV of a certificate: the seventh field of TBSCertificate. */
function certSpki(cert: Uint8Array): Uint8Array {
  const tbs = DerReader.of(cert, 'Certificate').expect(Tag.SEQUENCE, 'Certificate').children().expect(Tag.SEQUENCE, 'tbs').children();
  tbs.read(); // [0] version
  for (let i = 0; i < 5; i++) tbs.read(); // serial, signature, issuer, validity, subject
  return tbs.expect(Tag.SEQUENCE, 'subjectPublicKeyInfo').bytes;
}

const KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAovWQL2lh6knDxGUG5hbtCXvvh4AOzjhDkSHlj22gn/1oiM9IeDATIwP44vhQ6L/xvuk7W6' +
  'Kfa5ygmqQ+xOZOwTWPcrUbqaQyPNxokuivzyvqVZVDecOEqs78q58mSp9nbtxmLRW7B67SJCBSzfa5XpVyXYEgYAjkk3fpmefU+AcxtxvvHB5OVPIa' +
  'BfPcs80ICMgHQX+fphvute9XLxjfJKJWkhZqZ0v7pZm2uhkcPx1PMGcrGee0WSDC3fr3erLueagpiLsFjwwpX6F+Ms8vqz45H+DKmYKvPSstZjCCq9' +
  'aJ0qANT9OtnfSDOS+aLRPjZryCNyvvBHxZXqj5YCGKtwIDAQAB';
const URI = 'rsync://rpki.example.org/rpki/hedgehog/root.cer';

describe('decodeTal on real TALs', () => {
  it('reads the RIR TALs with their URIs in file order', () => {
    const expected: Record<string, string[]> = {
      'afrinic.tal': ['https://rpki.afrinic.net/repository/AfriNIC.cer', 'rsync://rpki.afrinic.net/repository/AfriNIC.cer'],
      'apnic-testbed.tal': [
        'rsync://rpki-testbed.apnic.net/repository/apnic-rpki-root-iana-origin-test.cer',
        'https://rpki-testbed.apnic.net/repository/apnic-rpki-root-iana-origin-test.cer',
      ],
      'apnic.tal': ['https://rpki.apnic.net/repository/apnic-rpki-root-iana-origin.cer', 'rsync://rpki.apnic.net/repository/apnic-rpki-root-iana-origin.cer'],
      'arin-ote.tal': ['rsync://rpki.ote.arin.net/repository/arin-rpki-ta.cer', 'https://rrdp.ote.arin.net/arin-rpki-ta.cer'],
      'arin.tal': ['rsync://rpki.arin.net/repository/arin-rpki-ta.cer', 'https://rrdp.arin.net/arin-rpki-ta.cer'],
      'lacnic.tal': ['https://rrdp.lacnic.net/ta/rta-lacnic-rpki.cer', 'rsync://repository.lacnic.net/rpki/lacnic/rta-lacnic-rpki.cer'],
      'nlnetlabs-testbed.tal': ['https://testbed.krill.cloud/ta/ta.cer', 'rsync://testbed.krill.cloud/ta/ta.cer'],
      'ripe-pilot.tal': ['https://localcert.ripe.net/ta/ripe-ncc-pilot.cer', 'rsync://localcert.ripe.net/ta/ripe-ncc-pilot.cer'],
      'ripe.tal': ['https://rpki.ripe.net/ta/ripe-ncc-ta.cer', 'rsync://rpki.ripe.net/ta/ripe-ncc-ta.cer'],
    };
    const files = fixtureFiles('real/tals-routinator', (f) => f.endsWith('.tal'));
    expect(files.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(Object.keys(expected));
    for (const f of files) {
      const d = decodeTal(fixture(f), f);
      expect(d.findings, f).toEqual([]);
      const t = tal(f);
      const base = f.slice(f.lastIndexOf('/') + 1);
      expect(t.uris, f).toEqual(expected[base]);
      expect(t.name).toBe(base.replace('.tal', ''));
      expect(t.comments).toEqual([]);
      expect(t.spki.length, f).toBe(294);
      expect(hex(t.spki.subarray(0, 19))).toBe(RSA_2048_SPKI_HEAD);
      expect(t.spki).toEqual(new Uint8Array(Buffer.from(t.spkiBase64, 'base64')));
    }
    // CRLF line ends (arin.tal) read like LF
    const arin = tal('real/tals-routinator/arin.tal');
    expect(arin.spkiBase64).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3lZPjbHvMRV5sDDqfLc\/685th5Fnre[A-Za-z0-9+/]+IDAQAB$/);
    expect(hex(arin.spki.subarray(-5))).toBe('0203010001');
  });

  it('rpki-validator-3 rfc8630/: URIs in file order; the plain-http TAL is rejected', () => {
    const dir = 'real/ripe-ncc-rpki-validator-3/tals/rfc8630';
    const afrinic = ['https://rpki.afrinic.net/repository/AfriNIC.cer', 'rsync://rpki.afrinic.net/repository/AfriNIC.cer'];
    expect(tal(`${dir}/afrinic-https-rsync.tal`).uris).toEqual(afrinic);
    expect(tal(`${dir}/afrinic-reversed-rsync-https.tal`).uris).toEqual([...afrinic].reverse());
    expect(tal(`${dir}/afrinic-https-rsync.tal`).spki).toEqual(tal('real/tals-routinator/afrinic.tal').spki);
    const ripe = tal(`${dir}/ripe-ncc-rsync-only.tal`);
    expect(ripe.uris).toEqual(['rsync://rpki.ripe.net/ta/ripe-ncc-ta.cer']);
    expect(ripe.spki).toEqual(tal('real/tals-routinator/ripe.tal').spki);
    const http = decodeTal(fixture(`${dir}/example-tal-with-http-and-rsync.tal`));
    expect(http.ok).toBe(false);
    expect(http.findings[0]).toMatchObject({ code: 'tal.uri.http', stage: 'decode', spec: { rfc: 8630, section: '2.2' }, params: { line: 2 } });
    // its key, "MIIBIsWhatPEMPublicKeysStartWith", is 24 bytes of a 294-byte SEQUENCE
    expect(codes(http)).toEqual(['tal.uri.http', 'der.truncated']);
  });

  it('refuses the RIPE NCC extended TAL format', () => {
    const files = [
      ...fixtureFiles('real/ripe-ncc-rpki-validator-3/tals/ripeextended'),
      'real/ripe-ncc-rpki-validator-2/cli-tals/rpki-extended-tal1.tal',
      'real/ripe-ncc-rpki-validator-2/cli-tals/rpki-extended-tal2.tal',
    ];
    expect(files).toHaveLength(6);
    for (const f of files) {
      const d = decodeTal(fixture(f), f);
      expect(codes(d), f).toEqual(['tal.format.ripe-extended']);
      expect(d.findings[0].params).toEqual({ key: 'ca.name' });
    }
  });

  it('reads the rpstir TALs, which lack the empty line, with a warning', () => {
    const files = fixtureFiles('real/ripe-ncc-rpki-commons/conformance/tals-from-rpstir');
    expect(files).toHaveLength(12);
    const root = certSpki(fixture('real/ripe-ncc-rpki-commons/conformance/root.cer'));
    for (const f of files) {
      const d = decodeTal(fixture(f), f);
      expect(d.ok, f).toBe(true);
      expect(d.findings.map((x) => [x.code, x.severity, x.params.line]), f).toEqual([['tal.separator.missing', 'warning', 2]]);
      const name = f.slice(f.lastIndexOf('/') + 1).replace('.tal', '');
      expect(tal(f).uris).toEqual([`rsync://rpki.bbn.com/conformance/${name}.cer`]);
      // SOURCES.md: all twelve carry root.cer's key
      expect(tal(f).spki).toEqual(root);
    }
  });

  it('openbsd tal/test.tal: comments and CRLF', () => {
    const t = tal('real/openbsd-rpki-client-regress/tal/test.tal');
    expect(t.comments).toEqual(['This TAL is intended for documentation purposes only.', 'Do not attempt to use this in a production setting.']);
    expect(t.uris).toEqual([URI, 'https://rpki.example.org/rpki/hedgehog/root.cer']);
    expect(t.spkiBase64).toBe(KEY);
    expect(t.spki.length).toBe(294);
    expect(hex(t.spki.subarray(0, 19))).toBe(RSA_2048_SPKI_HEAD);
  });

  it('rpki-validator-2 standard TALs: indented URIs are read with a warning, plain http refused', () => {
    const t = decodeTal(fixture('real/ripe-ncc-rpki-validator-2/cli-tals/rpki-standard-tal.tal'));
    expect(t.ok && t.value.uris).toEqual([URI]);
    expect(t.ok && t.value.spkiBase64).toBe(KEY);
    expect(codes(t)).toEqual(['tal.uri.whitespace']);
    const multi = decodeTal(fixture('real/ripe-ncc-rpki-validator-2/cli-tals/rpki-standard-tal-multi-location.tal'));
    expect(codes(multi)).toEqual(['tal.uri.http', 'tal.uri.whitespace']);
    expect(multi.ok).toBe(false);
  });

  it('each TAL carries the key of its trust anchor certificate', () => {
    const pairs: [string, string][] = [
      ['forge/small/ta.tal', 'forge/small/repo/rpki.example.net/repo/ta/ta.cer'],
      ['real/ripe-ncc-pilot-rrdp/ripe-pilot.tal', 'real/ripe-ncc-pilot-rrdp/tree/localcert.ripe.net/ta/ripe-ncc-pilot.cer'],
      ['real/nlnetlabs-krill-testbed/krill-testbed-2022.tal', 'real/nlnetlabs-krill-testbed/tree-2023-03-19/testbed.krill.cloud/ta/ta.cer'],
      ['real/openbsd-rpki-client-regress/tal/ripe.tal', 'real/openbsd-rpki-client-regress/ta/ripe-ncc-ta.cer'],
      ['real/openbsd-rpki-client-regress/tal/afrinic.tal', 'real/openbsd-rpki-client-regress/ta/AfriNIC.cer'],
      ['real/openbsd-rpki-client-regress/tal/apnic.tal', 'real/openbsd-rpki-client-regress/ta/apnic-rpki-root-iana-origin.cer'],
    ];
    for (const [t, c] of pairs) expect(tal(t).spki, t).toEqual(certSpki(fixture(c)));
  });

  it('reads every forge ta.tal', () => {
    const files = fixtureFiles('forge', (f) => f.endsWith('/ta.tal'));
    expect(files.length).toBe(19);
    const key = tal('forge/small/ta.tal').spki;
    for (const f of files) {
      const d = decodeTal(fixture(f), f);
      expect(d.findings, f).toEqual([]);
      expect(tal(f).uris).toEqual(['rsync://rpki.example.net/repo/ta/ta.cer']);
      expect(tal(f).name).toBe('ta');
      expect(tal(f).spki.length).toBe(294);
    }
    expect(hex(key.subarray(0, 19))).toBe(RSA_2048_SPKI_HEAD);
  });
});

describe('decodeTal on crafted TALs', () => {
  const wrap = (s: string) => s.match(/.{1,64}/g)?.join('\n') ?? '';

  it('accepts LF, CRLF, several empty lines, wrapped and indented key lines, a BOM, and derives a name', () => {
    const texts = [
      `${URI}\n\n${KEY}\n`,
      `${URI}\r\n\r\n${wrap(KEY).replace(/\n/g, '\r\n')}\r\n`,
      `\ufeff# c\n${URI}\n\n\n\n  ${wrap(KEY).replace(/\n/g, '\n\t')}\n\n`,
    ];
    for (const text of texts) {
      const d = decodeTal(text);
      expect(d.findings).toEqual([]);
      expect(d.ok && d.value).toMatchObject({ name: 'root', uris: [URI], spkiBase64: KEY });
    }
    const named = decodeTal(new TextEncoder().encode(`${URI}\n\n${KEY}`), 'C:\\tals\\Test.TAL');
    expect(named.ok && named.value.name).toBe('Test');
    const upper = decodeTal(`RSYNC://rpki.example.org/x.cer\nHTTPS://rpki.example.org/x.cer\n\n${KEY}`);
    expect(upper.findings).toEqual([]);
  });

  const cases: [string, string | Uint8Array, string[]][] = [
    ['empty', '', ['tal.empty']],
    ['blank', ' \r\n\n\t', ['tal.empty']],
    ['not-utf8', new Uint8Array([0x30, 0x82, 0x05, 0xff, 0xfe]), ['tal.encoding.invalid']],
    ['no-key', `${URI}\n`, ['tal.key.missing']],
    ['no-key-after-blank', `${URI}\n\n\n`, ['tal.key.missing']],
    ['no-uri', `${KEY}\n`, ['tal.uri.missing']],
    ['comments-only', '# a\n# b\n', ['tal.uri.missing']],
    ['ftp', `ftp://rpki.example.org/root.cer\n\n${KEY}`, ['tal.uri.scheme']],
    ['http', `http://rpki.example.org/root.cer\n\n${KEY}`, ['tal.uri.http']],
    ['directory', `rsync://rpki.example.org/rpki/\n\n${KEY}`, ['tal.uri.invalid']],
    ['no-path', `https://rpki.example.org\n\n${KEY}`, ['tal.uri.invalid']],
    ['space-in-uri', `rsync://rpki.example.org/a b.cer\n\n${KEY}`, ['tal.uri.invalid']],
    ['comment-after-uri', `${URI}\n# late\n\n${KEY}`, ['tal.comment.misplaced']],
    ['pem', `${URI}\n\n-----BEGIN PUBLIC KEY-----\n${KEY}\n-----END PUBLIC KEY-----\n`, ['tal.key.base64']],
    ['bad-padding', `${URI}\n\nMIIB=`, ['tal.key.base64']],
    ['key-not-spki', `${URI}\n\nBQA=`, ['der.tag.unexpected']],
    ['key-trailing-bytes', `${URI}\n\n${KEY.slice(0, -4)}AQABBQA=`, ['der.trailing-bytes']],
    ['key-truncated', `${URI}\n\n${KEY.slice(0, 100)}`, ['der.truncated']],
  ];
  it.each(cases)('rejects %s', (_name, text, expected) => {
    const d = decodeTal(text);
    expect(codes(d)).toEqual(expected);
    expect(d.ok).toBe(false);
  });

  it('never throws on random input', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [URI, KEY.slice(0, 40), '\n', '\r\n', '#', 'http://', '=', ' ', 'MII', '\u00e9', 'ca.name = x'];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      const d = decodeTal(i % 2 ? text : new TextEncoder().encode(text));
      expect(codes(d)).not.toContain('internal.bug');
    }
  });
});

describe('decodeBase64', () => {
  it('decodes the RFC 4648 §10 test vectors, padded and unpadded', () => {
    const vectors: [string, string][] = [
      ['', ''], ['Zg==', 'f'], ['Zm8=', 'fo'], ['Zm9v', 'foo'], ['Zm9vYg==', 'foob'], ['Zm9vYmE=', 'fooba'], ['Zm9vYmFy', 'foobar'], ['Zg', 'f'], ['Zm8', 'fo'],
    ];
    for (const [b64, text] of vectors) {
      const r = decodeBase64(b64);
      expect(r.ok && new TextDecoder().decode(r.bytes), b64).toBe(text);
    }
    const all = new Uint8Array(256).map((_, i) => i);
    const r = decodeBase64(Buffer.from(all).toString('base64'));
    expect(r.ok && r.bytes).toEqual(all);
  });

  it('refuses what is not canonical base64', () => {
    for (const bad of ['Z', 'Zg=', 'Zg===', 'Zh==', 'Zm9=', 'Zm9v=', '=Zm9', 'Zm-9', 'Zm9v\n', 'Zm9vYmFyé', 'Zg==Zg==']) {
      expect(decodeBase64(bad).ok, bad).toBe(false);
    }
  });
});
