import { describe, expect, it } from 'vitest';
import { hex } from '../der/values.ts';
import { Findings } from '../report/finding.ts';
import { formatIpRange } from '../resources/ip.ts';
import { fixture } from '../../testing/fixtures.ts';
import { decodeRsc, inspectRsc, type Rsc } from './rsc.ts';

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
