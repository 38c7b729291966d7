import { describe, expect, it } from 'vitest';
import { asIdentifiers, ipAddrBlocks } from '../builder/resources.ts';
import { hex } from '../der/values.ts';
import { encode, explicit, ia5String, integer, octetString, oid, sequence, type DerNode } from '../der/writer.ts';
import { Findings } from '../report/finding.ts';
import { formatIpRange } from '../resources/ip.ts';
import type { ClaimedResources } from '../resources/resource-set.ts';
import { fixture } from '../../testing/fixtures.ts';
import { testSigner } from '../../testing/signed-objects.ts';
import { decodeRsc, inspectRsc, type Rsc } from './rsc.ts';
import { EContentType, SHA256 } from './signed-object.ts';

const REGRESS = 'real/openbsd-rpki-client-regress/rsc';

function rsc(path: string): Rsc {
  const d = decodeRsc(fixture(path));
  if (!d.ok) throw new Error(`${path}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

describe('decodeRsc (RFC 9323)', () => {
  it('reads rsc-deployment-test-3.sig: 203.176.189.0/24, one file test.txt', () => {
    const r = rsc(`${REGRESS}/rsc-deployment-test-3.sig`);
    expect(r.version).toBe(0);
    expect(r.digestAlgorithm).toBe('2.16.840.1.101.3.4.2.1');
    expect(r.resources.asId).toBeUndefined();
    const v4 = r.resources.ipAddrBlocks?.resources.ipv4;
    expect(Array.isArray(v4) && v4.map((x) => formatIpRange('ipv4', x))).toEqual(['203.176.189.0/24']);
    expect(r.checkList.map((c) => [c.fileName, hex(c.hash)])).toEqual([
      ['test.txt', 'f2ca1bb6c7e907d06dafe4687e579fce76b37e4e93b7605022da52e6ccc26fd2'],
    ]);
  });

  it('reads the rpki-prover checklist: one IPv6 /48, a named and an unnamed entry', () => {
    const r = rsc('real/rpki-prover/checklist.sig');
    const v6 = r.resources.ipAddrBlocks?.resources.ipv6;
    expect(Array.isArray(v6) && v6.map((x) => formatIpRange('ipv6', x))).toEqual(['2001:67c:208c::/48']);
    expect(r.checkList.map((c) => c.fileName)).toEqual(['b42_ipv6_loa.png', undefined]);
    expect(hex(r.checkList[1].hash)).toBe('0ae1394722005cd92f4c6aa024d5d6b3e2e67d629f11720d9478a633a117a1c7');
  });

  it('reads AS and IP resources together (c6938fc0….sig) and warns that it lacks signing-time', () => {
    const d = decodeRsc(fixture(`${REGRESS}/c6938fc00af6496d9d4e6e2d876e4b4811887b60f4f1bc9cd0b3cdb7c57c6d5e.sig`));
    expect(d.ok).toBe(true);
    expect(d.findings.map((f) => `${f.severity}:${f.code}`)).toContain('warning:cms.signing-time.missing');
    if (!d.ok) return;
    expect(d.value.resources.asId?.resources.asnum).toEqual([{ min: 65000, max: 65000 }]);
    expect(d.value.checkList.map((c) => c.fileName)).toEqual(['RpkiSignedChecklist-2022.asn']);
  });

  it('refuses the pre-RFC checklists rpki-client dropped in 2022', () => {
    for (const name of ['apnic-demo.sig', 'checklist.sig', '98e8734fa1c9d72cec864aff45a39863a896ed6c00d2508a707b43c720558632.sig']) {
      expect(decodeRsc(fixture(`${REGRESS}/${name}`)).ok, name).toBe(false);
    }
  });
});

describe('inspectRsc (RFC 9323 §5)', () => {
  it('finds the ResourceBlock within the EE resources, and no SIA wanted on the EE certificate', () => {
    const findings = new Findings();
    inspectRsc(rsc(`${REGRESS}/rsc-deployment-test-3.sig`), findings);
    expect(findings.list.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports a ResourceBlock beyond the EE certificate', () => {
    const r = rsc(`${REGRESS}/rsc-deployment-test-3.sig`);
    const wider = { ...r, resources: { ...r.resources, asId: rsc(`${REGRESS}/c6938fc00af6496d9d4e6e2d876e4b4811887b60f4f1bc9cd0b3cdb7c57c6d5e.sig`).resources.asId } };
    const findings = new Findings();
    inspectRsc(wider, findings);
    expect(findings.list.filter((f) => f.severity === 'error').map((f) => [f.stage, f.code, f.params.resources])).toEqual([
      ['inspect', 'rsc.resources.outside-ee', 'AS65000'],
    ]);
  });
});

describe('RFC 9323 profile findings on crafted checklists', () => {
  const { sign } = testSigner('rsc.test');
  const net: ClaimedResources = { ip: { ipv4: [{ min: 0xc0000200n, max: 0xc00002ffn }] } }; // 192.0.2.0/24
  /** FileNameAndHash (§4.4) with a zero hash of `length` bytes. */
  const entry = (fileName: string | undefined, length = 32) => sequence(...(fileName === undefined ? [] : [ia5String(fileName)]), octetString(new Uint8Array(length)));
  /**
   * An RSC (§4) over 192.0.2.0/24 listing one file, with any field replaced, its EE certificate holding `ee`. The
   * EE certificate carries an SIA, which §2 leaves out; the decoder does not look at it.
   */
  const signedRsc = (
    { version, resources = sequence(explicit(1, ipAddrBlocks(net)!)), digest = SHA256, checkList = [entry('report.pdf')] }: { version?: number; resources?: DerNode; digest?: string; checkList?: DerNode[] },
    ee: ClaimedResources = net,
  ) =>
    sign({
      eContentType: EContentType.rsc,
      eContent: encode(sequence(...(version === undefined ? [] : [explicit(0, integer(version))]), resources, sequence(oid(digest)), sequence(...checkList))),
      uri: 'rsync://example.net/repo/ca/checklist.sig',
      resources: ee,
    });
  /** The one finding a crafted checklist was made to have, with its data; the checklist is not ok. */
  const only = async (spec: Parameters<typeof signedRsc>[0]) => {
    const d = decodeRsc(await signedRsc(spec));
    expect(d.ok).toBe(false);
    expect(d.findings).toHaveLength(1);
    const { code, severity, stage, spec: ref, params } = d.findings[0];
    return { code, severity, stage, spec: ref, params };
  };

  it('decodes the unmodified crafted checklist without findings', async () => {
    const d = decodeRsc(await signedRsc({}));
    expect(d.findings).toEqual([]);
    expect(d.ok && d.value.checkList.map((c) => c.fileName)).toEqual(['report.pdf']);
  });

  it('rsc.version.invalid: version 1 is an error at decode (§4.1)', async () => {
    expect(await only({ version: 1 })).toEqual({ code: 'rsc.version.invalid', severity: 'error', stage: 'decode', spec: { rfc: 9323, section: '4.1' }, params: { value: 1, expected: 0 } });
  });

  it('rsc.resources.empty: a ResourceBlock with neither asID nor ipAddrBlocks is an error at decode (§4.2)', async () => {
    expect(await only({ resources: sequence() })).toEqual({ code: 'rsc.resources.empty', severity: 'error', stage: 'decode', spec: { rfc: 9323, section: '4.2' }, params: {} });
  });

  it('rsc.resources.inherit: "inherit" in the ResourceBlock is an error at decode (§4.2)', async () => {
    const as = sequence(explicit(0, asIdentifiers({ as: { asnum: 'inherit' } })!));
    expect(await only({ resources: as })).toEqual({ code: 'rsc.resources.inherit', severity: 'error', stage: 'decode', spec: { rfc: 9323, section: '4.2' }, params: { family: 'AS' } });
    const ip = sequence(explicit(1, ipAddrBlocks({ ip: { ipv6: 'inherit' } })!));
    expect(await only({ resources: ip })).toEqual({ code: 'rsc.resources.inherit', severity: 'error', stage: 'decode', spec: { rfc: 9323, section: '4.2' }, params: { family: 'IPv6' } });
  });

  it('rsc.digest-algorithm.unsupported: SHA-1 is an error at decode (§4.3)', async () => {
    expect(await only({ digest: '1.3.14.3.2.26' })).toEqual({
      code: 'rsc.digest-algorithm.unsupported',
      severity: 'error',
      stage: 'decode',
      spec: { rfc: 9323, section: '4.3' },
      params: { oid: '1.3.14.3.2.26' },
    });
  });

  it('rsc.check-list.empty: an empty checkList is an error at decode (§4.4)', async () => {
    expect(await only({ checkList: [] })).toEqual({ code: 'rsc.check-list.empty', severity: 'error', stage: 'decode', spec: { rfc: 9323, section: '4.4' }, params: {} });
  });

  it('rsc.file-name.invalid: a file name with "/" is an error at decode; an unnamed entry is not (§4.4)', async () => {
    expect(await only({ checkList: [entry('../report.pdf')] })).toEqual({
      code: 'rsc.file-name.invalid',
      severity: 'error',
      stage: 'decode',
      spec: { rfc: 9323, section: '4.4' },
      params: { file: '../report.pdf' },
    });
    expect(decodeRsc(await signedRsc({ checkList: [entry(undefined)] })).findings).toEqual([]);
  });

  it('rsc.hash.length: a 20-byte hash is an error at decode (§4.4)', async () => {
    expect(await only({ checkList: [entry('report.pdf', 20)] })).toEqual({
      code: 'rsc.hash.length',
      severity: 'error',
      stage: 'decode',
      spec: { rfc: 9323, section: '4.4' },
      params: { length: 20 },
    });
  });

  it('rsc.ee.resources-inherit: EE certificate IP resources that inherit fail inspection (§5)', async () => {
    const d = decodeRsc(await signedRsc({}, { ip: { ipv4: 'inherit' } }));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const findings = new Findings();
    inspectRsc(d.value, findings);
    expect(findings.list.filter((f) => f.code.startsWith('rsc.'))).toEqual([
      expect.objectContaining({
        code: 'rsc.ee.resources-inherit',
        severity: 'error',
        stage: 'inspect',
        spec: { rfc: 9323, section: '5' },
        params: { family: 'IPv4' },
        at: d.value.signedObject.eeRange,
      }),
    ]);
  });
});
