import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex } from '../der/values.ts';
import { Findings } from '../report/finding.ts';
import { FIXTURES, fixture, fixtureFiles } from '../../testing/fixtures.ts';
import { decodeManifest, decodeManifestContent, inspectManifest, readManifest, type Manifest } from './manifest.ts';

const BBN = 'real/ripe-ncc-rpki-commons/conformance/root';

function manifest(path: string): Manifest {
  const d = decodeManifest(fixture(path));
  if (!d.ok) throw new Error(`${path}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

describe('decodeManifest (RFC 9286)', () => {
  it('reads the BER manifest of RIPE NCC CA "aca" (rpki-client regress): #1930, three files', () => {
    const d = decodeManifest(fixture('real/openbsd-rpki-client-regress/mft/Kn3R14fXk-TIr1bhl9Tu2Sr2uhM.mft'));
    expect(d.findings.map((f) => f.code)).toEqual(['der.ber.indefinite-length', 'der.ber.constructed-string']);
    if (!d.ok) throw new Error('not decoded');
    const m = d.value;
    // openssl asn1parse of the eContent: INTEGER 078A, GeneralizedTime 20190618000056Z / 20190619000056Z
    expect(m.manifestNumber).toBe(1930n);
    expect(m.manifestNumberHex).toBe('78a');
    expect(iso(m.thisUpdate)).toBe('2019-06-18T00:00:56Z');
    expect(iso(m.nextUpdate)).toBe('2019-06-19T00:00:56Z');
    expect(m.fileHashAlg).toBe('2.16.840.1.101.3.4.2.1');
    expect(m.fileList.map((f) => f.file)).toEqual([
      'HGp1AESLbyiopScGy7yW4b6s_T4.cer',
      'Kn3R14fXk-TIr1bhl9Tu2Sr2uhM.crl',
      'qM_jralcLee1A8ndIB6R9r9Jz8A.cer',
    ]);
    expect(m.fileList.every((f) => f.hash.length === 32)).toBe(true);
  });

  it('reads RIPE NCC TA manifests #50 (rpki-rs) and #51 (rpki-client regress)', () => {
    const ta50 = manifest('real/nlnetlabs-rpki-rs/repository/ta.mft');
    expect(ta50.manifestNumber).toBe(50n);
    expect([iso(ta50.thisUpdate), iso(ta50.nextUpdate)]).toEqual(['2019-02-26T13:14:44Z', '2019-05-26T13:14:44Z']);
    const ta51 = manifest('real/openbsd-rpki-client-regress/mft/ripe-ncc-ta.mft');
    expect(ta51.manifestNumber).toBe(51n);
    expect(ta51.fileList.map((f) => f.file)).toEqual(['2a7dd1d787d793e4c8af56e197d4eed92af6ba13.cer', 'ripe-ncc-ta.crl']);
  });

  it('orders the two AfriNIC manifests of rpki-prover by number: #126 (2019) before #144 (2020)', () => {
    const a = manifest('real/rpki-prover/afrinic_mft1.mft');
    const b = manifest('real/rpki-prover/afrinic_mft2.mft');
    expect([a.manifestNumber, b.manifestNumber]).toEqual([126n, 144n]);
    expect(a.fileList.map((f) => f.file)).toEqual(b.fileList.map((f) => f.file));
    expect(a.fileList).toHaveLength(6);
  });

  it('rejects the rpki-rs manifest with a non-ASCII file name', () => {
    const d = decodeManifest(fixture('real/nlnetlabs-rpki-rs/repository/ta.mft.bad-filename'));
    expect(d.ok).toBe(false);
    const f = d.findings.find((x) => x.severity === 'error');
    expect([f?.code, f?.params.field]).toEqual(['der.value.invalid', 'file']);
  });

  it('lists the SHA-256 of every file beside the manifests of the forge medium repository', () => {
    const manifests = fixtureFiles('forge/medium/repo', (f) => f.endsWith('.mft'));
    expect(manifests).toHaveLength(206);
    let files = 0;
    for (const p of manifests) {
      for (const { file, hash } of manifest(p).fileList) {
        const path = join(dirname(p), file);
        expect(existsSync(join(FIXTURES, path))).toBe(true);
        expect(hex(hash)).toBe(createHash('sha256').update(fixture(path)).digest('hex'));
        files++;
      }
    }
    // 206 CRLs, 205 CA certificates below the TA, 4,000 ROAs, 20 ASPAs
    expect(files).toBe(206 + 205 + 4000 + 20);
  });

  it('reports BBN manifest defects at decode', () => {
    const errors = (name: string) =>
      decodeManifest(fixture(`${BBN}/${name}`))
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.stage}:${f.code}`);
    expect(errors('MFTNegNum/badMFTNegNum.mft')).toEqual(['decode:mft.manifest-number.negative']);
    expect(errors('MFTNumTooBig/badMFTNumTooBig.mft')).toEqual(['decode:mft.manifest-number.too-long']);
    expect(errors('MFTHashAlgSameLength/badMFTHashAlgSameLength.mft')).toEqual(['decode:mft.file-hash-alg.unsupported']);
    expect(errors('MFTFileHashShort/badMFTFileHashShort.mft')).toEqual(['decode:mft.file-hash.length']);
    expect(errors('MFTDuplicateFileTwoHashes/badMFTDuplicateFileTwoHashes.mft')).toEqual(['decode:mft.file-name.duplicate']);
    // BBN tagged the version IMPLICIT ([0] primitive); the RFC 9286 module uses EXPLICIT TAGS.
    expect(errors('MFTVersion0/badMFTVersion0.mft')).toEqual(['decode:der.tag.unexpected']);
    expect(errors('MFTThisUpdFuture/badMFTThisUpdFuture.mft')).toEqual([]);
  });

  it('accepts the largest and the smallest manifest number (BBN goodMFTNumMax, goodMFTNumZero)', () => {
    expect(manifest(`${BBN}/MFTNumMax/goodMFTNumMax.mft`).manifestNumber).toBe((1n << 159n) - 1n);
    expect(manifest(`${BBN}/MFTNumZero/goodMFTNumZero.mft`).manifestNumber).toBe(0n);
  });

  it('warns about an unregistered file extension but accepts it (BBN goodMFTUnkownFileExtension)', () => {
    const d = decodeManifest(fixture(`${BBN}/MFTUnkownFileExtension/goodMFTUnkownFileExtension.mft`));
    expect(d.ok).toBe(true);
    expect(d.findings.filter((f) => f.code.startsWith('mft.')).map((f) => [f.severity, f.code, f.params.file])).toEqual([
      ['warning', 'mft.file-name.unknown-extension', 'foo.nul'],
    ]);
  });
});

describe('inspectManifest (RFC 9286 §5.1)', () => {
  function inspected(path: string): string[] {
    const findings = new Findings();
    const m = readManifest(fixture(path), findings);
    const before = findings.list.length;
    inspectManifest(m, findings);
    return findings.list.slice(before).map((f) => f.code);
  }

  it('finds nothing wrong with a forge manifest', () => {
    expect(inspected('forge/medium/repo/rpki.example.net/repo/rir4/m00160/m00160.mft')).toEqual([]);
  });

  it('wants inherited EE resources', () => {
    expect(inspected(`${BBN}/MFTIPv4NotInherit/badMFTIPv4NotInherit.mft`)).toEqual(['mft.ee.resources-not-inherit']);
    expect(inspected(`${BBN}/MFTASNotInherit/badMFTASNotInherit.mft`)).toEqual(['mft.ee.resources-not-inherit']);
  });

  it('wants the manifest interval within the EE certificate validity', () => {
    expect(inspected(`${BBN}/MFTStartCrossed/badMFTStartCrossed.mft`)).toEqual(['mft.ee.validity-mismatch']);
    expect(inspected(`${BBN}/MFTEndCrossed/badMFTEndCrossed.mft`)).toEqual(['mft.ee.validity-mismatch']);
  });
});

/** DER for crafted eContents. */
const der = (tag: number, ...body: number[][]): number[] => {
  const b = body.flat();
  return [tag, ...(b.length < 0x80 ? [b.length] : [0x81, b.length]), ...b];
};
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const SHA256_OID = der(0x06, [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]);
const entry = (file: string, bits = 256) => der(0x30, der(0x16, ascii(file)), der(0x03, [0, ...new Array<number>(bits / 8).fill(0xab)]));
/** The fields after the version: manifestNumber 7, the two times, SHA-256, the file list. */
const fields = (thisUpdate: string, nextUpdate: string, ...entries: number[][]) =>
  [der(0x02, [7]), der(0x18, ascii(thisUpdate)), der(0x18, ascii(nextUpdate)), SHA256_OID, der(0x30, ...entries)];
const content = (thisUpdate: string, nextUpdate: string, ...entries: number[][]) => Uint8Array.from(der(0x30, ...fields(thisUpdate, nextUpdate, ...entries)));
const t0 = '20261120000000Z';
const t1 = '20261121000000Z';

function contentErrors(bytes: Uint8Array): string[] {
  return decodeManifestContent(bytes).findings.map((f) => `${f.severity}:${f.code}`);
}

describe('decodeManifestContent', () => {
  it('reads the eContent APNIC keeps beside its demo manifest, as inside the manifest', () => {
    const bare = decodeManifestContent(fixture('real/apnic-rpki-aspa-demo/mBQsnQtBo7n7YD12mEgjb9HzGSQ.mft.object'));
    if (!bare.ok) throw new Error('not decoded');
    const { signedObject: _so, ...inside } = manifest('real/apnic-rpki-aspa-demo/mBQsnQtBo7n7YD12mEgjb9HzGSQ.mft');
    expect(bare.value.manifestNumber).toBe(inside.manifestNumber);
    expect(bare.value.fileList.map((f) => [f.file, hex(f.hash)])).toEqual(inside.fileList.map((f) => [f.file, hex(f.hash)]));
    expect([bare.value.thisUpdate, bare.value.nextUpdate]).toEqual([inside.thisUpdate, inside.nextUpdate]);
  });

  it('reports crafted defects', () => {
    expect(contentErrors(content(t0, t1, entry('a.roa')))).toEqual([]);
    expect(contentErrors(content(t1, t0, entry('a.roa')))).toEqual(['error:mft.update.order']);
    expect(contentErrors(content(t0, t0, entry('a.roa')))).toEqual(['error:mft.update.order']);
    expect(contentErrors(content(t0, t1, entry('../a.roa')))).toEqual(['error:mft.file-name.invalid']);
    expect(contentErrors(content(t0, t1, entry('a.b.roa')))).toEqual(['error:mft.file-name.invalid']);
    expect(contentErrors(content(t0, t1, entry('a b.roa')))).toEqual(['error:mft.file-name.invalid']);
    expect(contentErrors(content(t0, t1, entry('a.roa', 248)))).toEqual(['error:mft.file-hash.length']);
    expect(contentErrors(content(t0, t1, entry('a.roa'), entry('a.roa')))).toEqual(['error:mft.file-name.duplicate']);
    expect(contentErrors(content(t0, t1, entry('a.txt')))).toEqual(['warning:mft.file-name.unknown-extension']);
    expect(contentErrors(content(t0, t1))).toEqual([]);
  });

  // A decode error rejects the manifest, and with it the whole publication point (RFC 9286 §6.6).
  const rejected = (bytes: Uint8Array) => {
    const d = decodeManifestContent(bytes);
    return { ok: d.ok, findings: d.findings.map((f) => ({ code: f.code, severity: f.severity, stage: f.stage, params: f.params })) };
  };

  it('rejects version 1, explicitly tagged: only version 0 exists (RFC 9286 §4.2.1)', () => {
    const v1 = Uint8Array.from(der(0x30, der(0xa0, der(0x02, [1])), ...fields(t0, t1, entry('a.roa'))));
    expect(rejected(v1)).toEqual({ ok: false, findings: [{ code: 'mft.version.invalid', severity: 'error', stage: 'decode', params: { value: 1, expected: 0 } }] });
  });

  it('rejects a file name outside the RFC 9286 §4.2.2 character set, naming the file', () => {
    expect(rejected(content(t0, t1, entry('a.roa'), entry('../b.roa')))).toEqual({
      ok: false,
      findings: [{ code: 'mft.file-name.invalid', severity: 'error', stage: 'decode', params: { file: '../b.roa' } }],
    });
  });
});
