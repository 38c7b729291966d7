import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DerReader, type Tlv } from '../der/reader.ts';
import { Findings, Reject } from '../report/finding.ts';
import { fixture } from '../../testing/fixtures.ts';
import { checkSignatureAlgorithm, decodeAlgorithmIdentifier, sameAlgorithm, SHA256_WITH_RSA } from './algorithm.ts';
import {
  decodeAccessDescriptions,
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeCertificatePolicies,
  decodeCrlDistributionPoints,
  decodeExtensions,
  decodeKeyUsage,
  hasScheme,
  KeyUsageBit,
  OID,
} from './extensions.ts';
import { checkName, decodeName } from './name.ts';
import { sha1 } from './sha1.ts';
import { decodeSubjectPublicKeyInfo } from './spki.ts';
import { bits, bool, ctxc, ctxp, ia5, int, nul, octets, oid, printable, seq, set, time, tlv, utf8 } from './test-der.ts';
import { readX509Time } from './time.ts';

const one = (b: Uint8Array): Tlv => DerReader.of(b, 'test').read();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const codes = (f: Findings) => f.list.map((x) => x.code);

function rejectCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Reject) return e.code;
    throw e;
  }
  return 'no reject';
}

/** The TLV at a path of child indexes below the outermost value, e.g. a certificate's subject is [0, 5]. */
function at(bytes: Uint8Array, ...path: number[]): Tlv {
  let t = DerReader.of(bytes, 'test').read();
  for (const i of path) {
    const r = t.children();
    for (let k = 0; k < i; k++) r.read();
    t = r.read();
  }
  return t;
}

const cn = (s: string) => set(seq(oid('2.5.4.3'), printable(s)));

describe('sha1 (FIPS 180-4)', () => {
  it('matches the FIPS 180-2 appendix vectors', () => {
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    const two = new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    expect(hex(sha1(two))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });

  it('agrees with node:crypto around every padding boundary', () => {
    for (let n = 0; n < 300; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(hex(sha1(data)), `length ${n}`).toBe(createHash('sha1').update(data).digest('hex'));
    }
  });
});

describe('Name (RFC 5280 §4.1.2.4, RFC 6487 §4.4/§4.5)', () => {
  it('renders RFC 4514 text, last RDN first, and keeps the DER', () => {
    const der = seq(cn('NAMSeqNameSer'), set(seq(oid('2.5.4.5'), printable('42'))));
    const name = decodeName(one(der));
    expect(name.text).toBe('SERIALNUMBER=42,CN=NAMSeqNameSer');
    expect(name.commonName).toBe('NAMSeqNameSer');
    expect(name.serialNumber).toBe('42');
    expect(name.der).toEqual(der);
  });

  it('joins a multi-valued RDN with + and escapes RFC 4514 specials', () => {
    const der = seq(set(seq(oid('2.5.4.5'), printable('12345')), seq(oid('2.5.4.3'), utf8(' a,b+c '))));
    const name = decodeName(one(der));
    expect(name.text).toBe('SERIALNUMBER=12345+CN=\\ a\\,b\\+c\\ ');
    const f = new Findings();
    checkName(name, 'subject', f);
    expect(codes(f)).toEqual(['x509.subject.common-name.utf8']);
  });

  it('reads the real multi-valued issuer of the BBN NAMSetNameSer case', () => {
    const cert = fixture('real/ripe-ncc-rpki-commons/conformance/root/NAMSetNameSer/goodCertMatch.cer');
    const issuer = decodeName(at(cert, 0, 3));
    expect(issuer.rdns).toHaveLength(1);
    expect(issuer.text).toBe('SERIALNUMBER=12345+CN=NAMSetNameSer');
    const f = new Findings();
    checkName(issuer, 'issuer', f);
    expect(f.list).toEqual([]);
  });

  it('flags names outside the profile, per role', () => {
    const check = (der: Uint8Array, role: 'issuer' | 'subject', utf8Allowed = false) => {
      const f = new Findings();
      checkName(decodeName(one(der)), role, f, utf8Allowed);
      return codes(f);
    };
    expect(check(seq(cn('a'), cn('b')), 'issuer')).toEqual(['x509.issuer.common-name.multiple']);
    expect(check(seq(set(seq(oid('2.5.4.5'), printable('1')))), 'subject')).toEqual(['x509.subject.common-name.missing']);
    expect(check(seq(cn('a'), set(seq(oid('2.5.4.10'), printable('org')))), 'subject')).toEqual(['x509.subject.attribute.unexpected']);
    expect(check(seq(set(seq(oid('2.5.4.3'), ia5('x')))), 'issuer')).toEqual(['x509.issuer.common-name.string-type']);
    expect(check(seq(set(seq(oid('2.5.4.3'), utf8('r')))), 'subject', true)).toEqual([]);
    const twoSerials = seq(cn('a'), set(seq(oid('2.5.4.5'), printable('1')), seq(oid('2.5.4.5'), printable('2'))));
    expect(check(twoSerials, 'subject')).toEqual(['x509.subject.serial-number.multiple']);
  });

  it('rejects a Name that is not an RDNSequence of SETs', () => {
    expect(rejectCode(() => decodeName(one(seq(seq(oid('2.5.4.3'), printable('x'))))))).toBe('der.value.invalid');
    expect(rejectCode(() => decodeName(one(seq(set()))))).toBe('der.value.invalid');
  });
});

describe('subject commonName string type (RFC 6487 §4.5, RFC 8209 §3.1.1)', () => {
  it('rejects a commonName that is neither PrintableString nor UTF8String, even where UTF8String is allowed', () => {
    const bmp = tlv(0x1e, [0, 0x61, 0, 0x62]);
    for (const [value, text] of [[ia5('ee'), 'ee'], [bmp, 'ab']] as const) {
      for (const utf8Allowed of [false, true]) {
        const f = new Findings();
        const name = decodeName(one(seq(set(seq(oid('2.5.4.3'), value)))));
        checkName(name, 'subject', f, utf8Allowed);
        expect(f.list.map((x) => [x.code, x.severity, x.stage, x.params.value])).toEqual([['x509.subject.common-name.string-type', 'error', 'inspect', text]]);
        expect(f.list[0].at).toEqual(name.rdns[0][0].range);
      }
    }
  });
});

describe('AlgorithmIdentifier (RFC 5280 §4.1.1.2)', () => {
  it('distinguishes NULL from absent parameters and compares byte for byte', () => {
    const withNull = decodeAlgorithmIdentifier(one(seq(oid(SHA256_WITH_RSA), nul())));
    const absent = decodeAlgorithmIdentifier(one(seq(oid(SHA256_WITH_RSA))));
    expect(withNull.oid).toBe('1.2.840.113549.1.1.11');
    expect(withNull.params).toBe('null');
    expect(absent.params).toBe('absent');
    expect(sameAlgorithm(withNull, absent)).toBe(false);
    expect(sameAlgorithm(withNull, decodeAlgorithmIdentifier(one(seq(oid(SHA256_WITH_RSA), nul()))))).toBe(true);
  });
});

describe('signature AlgorithmIdentifier parameters (RFC 4055 §5, RFC 7935 §2)', () => {
  it('accepts NULL, notes absent parameters, and rejects anything else', () => {
    const check = (der: Uint8Array) => {
      const f = new Findings();
      checkSignatureAlgorithm(decodeAlgorithmIdentifier(one(der)), f);
      return f.list.map((x) => [x.code, x.severity, x.stage, x.params.algorithm]);
    };
    expect(check(seq(oid(SHA256_WITH_RSA), nul()))).toEqual([]);
    expect(check(seq(oid(SHA256_WITH_RSA)))).toEqual([['x509.signature-algorithm.params-absent', 'info', 'inspect', 'sha256WithRSAEncryption']]);
    // An empty OCTET STRING, or a NULL with contents, is not the NULL RFC 4055 §5 requires.
    for (const params of [octets([]), tlv(0x05, [0])]) {
      expect(check(seq(oid(SHA256_WITH_RSA), params))).toEqual([['x509.signature-algorithm.params-invalid', 'error', 'inspect', 'sha256WithRSAEncryption']]);
    }
  });
});

describe('SubjectPublicKeyInfo (RFC 5280 §4.1.2.7)', () => {
  it('reads the RIPE NCC TA RSA key (openssl: 2048 bit, modulus D1445848…, exponent 65537)', () => {
    const spki = decodeSubjectPublicKeyInfo(at(fixture('real/openbsd-rpki-client-regress/ta/ripe-ncc-ta.cer'), 0, 6));
    expect(spki.publicKey.type).toBe('rsa');
    if (spki.publicKey.type !== 'rsa') return;
    expect(spki.publicKey.bits).toBe(2048);
    expect(hex(spki.publicKey.modulus).slice(0, 16)).toBe('d14458486a94cf69');
    expect(hex(spki.publicKey.exponent)).toBe('010001');
    expect(spki.algorithm.params).toBe('null');
    // RFC 6487 §4.8.2: the SKI is the SHA-1 of the subjectPublicKey bits (openssl: E8:55:2B:1F:…).
    expect(hex(sha1(spki.subjectPublicKey))).toBe('e8552b1fd6d1a4f7e404c6d8e5680d1ebc163fc3');
  });

  it('reads the BGPsec router key as an uncompressed P-256 point (openssl -pubkey)', () => {
    const spki = decodeSubjectPublicKeyInfo(at(fixture('real/openbsd-rpki-client-regress/cer/Vr46VDCUfrRNL9yZAy4mxfEAspQ.cer'), 0, 6));
    expect(spki.publicKey).toMatchObject({ type: 'ec', curve: 'P-256' });
    if (spki.publicKey.type !== 'ec') return;
    expect(hex(spki.publicKey.point)).toBe(
      '04fac265b2860e79bc1fc52c02c0c90a89f730bb33a2ba6a9c6457a26adb11fa0869aba6b8892c44c14ade98515f912d0e4df10c376f5d1340ee41f81b2985c97e',
    );
    expect(hex(spki.der)).toBe(`3059301306072a8648ce3d020106082a8648ce3d030107034200${hex(spki.publicKey.point)}`);
  });

  it('keeps an unknown key algorithm for the profile check and rejects a malformed RSAPublicKey', () => {
    const other = decodeSubjectPublicKeyInfo(one(seq(seq(oid('1.3.101.112')), bits([1, 2, 3]))));
    expect(other.publicKey).toEqual({ type: 'other', algorithm: '1.3.101.112' });
    const negative = seq(seq(oid('1.2.840.113549.1.1.1'), nul()), bits(seq(int(-5), int(65537))));
    expect(rejectCode(() => decodeSubjectPublicKeyInfo(one(negative)))).toBe('der.value.invalid');
    const padded = seq(seq(oid('1.2.840.113549.1.1.1'), nul()), bits(seq(tlv(0x02, [0, 0x7f]), int(3))));
    expect(rejectCode(() => decodeSubjectPublicKeyInfo(one(padded)))).toBe('der.value.non-canonical');
  });
});

describe('Time (RFC 5280 §4.1.2.5)', () => {
  it('reads both forms and reports a GeneralizedTime before 2050', () => {
    const f = new Findings();
    expect(readX509Time(one(time('2049-12-31T23:59:59Z')), f)).toBe(Date.UTC(2049, 11, 31, 23, 59, 59) / 1000);
    expect(readX509Time(one(time('2050-01-01T00:00:00Z')), f)).toBe(Date.UTC(2050, 0, 1) / 1000);
    expect(f.list).toEqual([]);
    readX509Time(one(time('2011-04-11T18:57:28Z', true)), f);
    expect(f.list.map((x) => [x.code, x.stage])).toEqual([['x509.time.generalized-before-2050', 'decode']]);
  });
});

describe('Extensions (RFC 5280 §4.2)', () => {
  const ext = (id: string, value: Uint8Array, critical?: boolean) =>
    seq(oid(id), ...(critical === undefined ? [] : [bool(critical)]), octets(value));

  it('reads the list with absolute offsets and flags a duplicate and an encoded DEFAULT FALSE', () => {
    const f = new Findings();
    const der = seq(ext(OID.subjectKeyIdentifier, octets([1, 2])), ext(OID.keyUsage, bits([0x06], 1), true), ext(OID.subjectKeyIdentifier, octets([3]), false));
    const list = decodeExtensions(one(der), f);
    expect(list.map((e) => [e.oid, e.critical, e.duplicate])).toEqual([
      ['2.5.29.14', false, false],
      ['2.5.29.15', true, false],
      ['2.5.29.14', false, true],
    ]);
    expect(list[0].value.content).toEqual(new Uint8Array([1, 2]));
    expect(der.subarray(list[1].value.start, list[1].value.next)).toEqual(bits([0x06], 1));
    expect(codes(f)).toEqual(['der.value.non-canonical', 'x509.extension.duplicate']);
    expect(f.list[1].stage).toBe('decode');
  });

  it('rejects an extnValue that is not exactly one DER value', () => {
    expect(rejectCode(() => decodeExtensions(one(seq(ext(OID.keyUsage, new Uint8Array([3, 2, 1, 6, 0])))), new Findings()))).toBe(
      'der.trailing-bytes',
    );
    expect(rejectCode(() => decodeExtensions(one(seq()), new Findings()))).toBe('der.value.invalid');
  });

  it('decodes key usage bits, basic constraints and the AKI', () => {
    const ku = decodeKeyUsage(one(bits([0x06], 1)));
    expect(ku.bits).toBe(KeyUsageBit.keyCertSign | KeyUsageBit.cRLSign);
    expect(ku.names).toEqual(['keyCertSign', 'cRLSign']);
    expect(decodeKeyUsage(one(bits([0x80], 7))).names).toEqual(['digitalSignature']);
    const f = new Findings();
    expect(decodeBasicConstraints(one(seq(bool(true), int(0))), f)).toEqual({ cA: true, pathLenConstraint: 0 });
    expect(decodeBasicConstraints(one(seq()), f)).toEqual({ cA: false });
    expect(f.list).toEqual([]);
    const aki = decodeAuthorityKeyIdentifier(one(seq(ctxp(0, new Uint8Array(20).fill(7)), ctxc(1, ctxc(4, seq(cn('x')))), ctxp(2, [5]))));
    expect(aki.keyIdentifier).toHaveLength(20);
    expect(aki.authorityCertIssuer).toBe(true);
    expect(aki.authorityCertSerialNumber).toBe(true);
  });

  it('decodes CRL distribution points and access descriptions, keeping non-URI names aside', () => {
    const uri = (s: string) => ctxp(6, new TextEncoder().encode(s));
    const dps = decodeCrlDistributionPoints(one(seq(seq(ctxc(0, ctxc(0, uri('rsync://h/a.crl'), ctxp(7, [10, 0, 0, 1]))), ctxp(1, [7, 0x80])))));
    expect(dps).toHaveLength(1);
    expect(dps[0].reasons).toBe(true);
    expect(dps[0].cRLIssuer).toBe(false);
    expect(dps[0].fullName?.map((n) => (n.kind === 'uri' ? n.uri : n.type))).toEqual(['rsync://h/a.crl', 'iPAddress']);
    const ads = decodeAccessDescriptions(one(seq(seq(oid(OID.adCaRepository), uri('rsync://h/repo/')), seq(oid(OID.adRpkiManifest), ctxc(4, seq(cn('x')))))));
    expect(ads.map((a) => [a.method, a.location.kind])).toEqual([
      ['1.3.6.1.5.5.7.48.5', 'uri'],
      ['1.3.6.1.5.5.7.48.10', 'other'],
    ]);
    expect(rejectCode(() => decodeAccessDescriptions(one(seq())))).toBe('der.value.invalid');
    expect(rejectCode(() => decodeAccessDescriptions(one(seq(seq(oid(OID.adCaIssuers), tlv(0x86 | 0x20, uri('x')))))))).toBe('der.value.invalid');
  });

  it('decodes certificate policies with a CPS qualifier', () => {
    const policies = decodeCertificatePolicies(one(seq(seq(oid(OID.cpIpAddrAsNumber), seq(seq(oid(OID.qtCps), ia5('https://rpki.example/cps')))))));
    expect(policies).toEqual([
      { policy: '1.3.6.1.5.5.7.14.2', qualifiers: [{ id: '1.3.6.1.5.5.7.2.1', cps: 'https://rpki.example/cps', range: expect.anything() }], range: expect.anything() },
    ]);
  });

  it('tests URI schemes without regard to case (RFC 3986 §3.1)', () => {
    expect(hasScheme('rsync://a/b', 'rsync')).toBe(true);
    expect(hasScheme('RSYNC://a/b', 'rsync')).toBe(true);
    expect(hasScheme('rsync:/a', 'rsync')).toBe(false);
    expect(hasScheme('https://a', 'rsync')).toBe(false);
    expect(hasScheme('rsyncx://a', 'rsync')).toBe(false);
  });
});
