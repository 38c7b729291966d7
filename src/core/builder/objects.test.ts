import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { hex } from '../der/values.ts';
import type { Aspa } from '../objects/aspa.ts';
import type { ResourceCert } from '../objects/cert.ts';
import type { Crl } from '../objects/crl.ts';
import type { Gbr } from '../objects/gbr.ts';
import type { Manifest } from '../objects/manifest.ts';
import { decodeObject, type DecodedObject } from '../objects/object.ts';
import type { Roa } from '../objects/roa.ts';
import { decodeTal } from '../objects/tal.ts';
import { formatAsRange, formatIpRange, formatPrefix, normaliseIp, prefixToRange } from '../resources/index.ts';
import { buildRepository, type BuiltRepository } from './repository.ts';
import { WEAK_KEY_POOL } from './weak-key-pool.ts';

const DAY = 86400;
const TIME = Date.parse('2026-01-01T00:00:00Z') / 1000;
const NOTIFY = 'https://rrdp.example.net/notification.xml';
const BASE = 'rsync://rpki.example.net/repo/';

let repo: BuiltRepository;
const decoded = new Map<string, DecodedObject>();

beforeAll(async () => {
  repo = await buildRepository(
    { seed: 'objects', notify: NOTIFY, intermediates: 2, members: 2, roas: 3, aspas: 2, routers: 1, gbrs: 1 },
    { time: TIME, keys: WEAK_KEY_POOL },
  );
  for (const [uri, bytes] of repo.objects) decoded.set(uri, decodeObject(uri.slice(uri.lastIndexOf('/') + 1), bytes));
});

function value<T>(uri: string): T {
  const d = decoded.get(uri);
  if (!d?.value) throw new Error(`${uri} did not decode`);
  return d.value as T;
}

function only<T>(suffix: string): [string, T] {
  const uris = [...decoded.keys()].filter((u) => u.endsWith(suffix));
  expect(uris.length).toBeGreaterThan(0);
  return [uris[0], value<T>(uris[0])];
}

describe('every object the builder makes', () => {
  it('decodes and passes its profile checks without a single finding', () => {
    const types = new Set<string>();
    for (const [uri, d] of decoded) {
      expect({ uri, findings: d.findings.map((f) => f.code) }).toEqual({ uri, findings: [] });
      expect(d.ok).toBe(true);
      types.add(d.type);
    }
    expect([...types].sort()).toEqual(['asa', 'cer', 'crl', 'gbr', 'mft', 'roa']);
  });

  it('has a TAL that names the trust anchor certificate and its key (RFC 8630)', () => {
    const tal = decodeTal(repo.tal.text, 'ta');
    expect(tal.ok).toBe(true);
    expect(tal.value!.uris).toEqual([`${BASE}ta/ta.cer`]);
    expect(hex(tal.value!.spki)).toBe(hex(repo.tal.spki));
    expect(hex(value<ResourceCert>(`${BASE}ta/ta.cer`).spki)).toBe(hex(repo.tal.spki));
  });
});

describe('certificates', () => {
  it('make a self-signed trust anchor with explicit resources and no AKI, CRLDP or AIA', () => {
    const ta = value<ResourceCert>(`${BASE}ta/ta.cer`);
    expect(ta.kind).toBe('ta');
    expect(ta.selfSigned).toBe(true);
    expect(ta.aki).toBeUndefined();
    expect(ta.crlDp).toEqual([]);
    expect(ta.aia).toEqual([]);
    expect(ta.subject.text).toBe('CN=ta');
    expect(ta.sia).toEqual({ caRepository: `${BASE}ta/`, rpkiManifest: expect.stringMatching(/^rsync:\/\/rpki\.example\.net\/repo\/ta\/[\w-]{27}\.mft$/), rpkiNotify: NOTIFY });
    expect(ta.ipResources!.resources.ipv4).toEqual([{ min: 0x0a000000n, max: 0x0affffffn }]);
    expect(formatIpRange('ipv6', (ta.ipResources!.resources.ipv6 as { min: bigint; max: bigint }[])[0])).toBe('2001:db8::/32');
    expect(ta.asResources!.resources.asnum).toEqual([{ min: 4200000000, max: 4294967294 }]);
    expect(ta.notBefore).toBe(TIME - DAY);
    expect(ta.notAfter).toBe(TIME + 3650 * DAY);
  });

  it('make CA certificates chained by name, AKI, CRLDP and AIA, holding half of their parent', () => {
    const ta = value<ResourceCert>(`${BASE}ta/ta.cer`);
    const rir2 = value<ResourceCert>(`${BASE}ta/rir2.cer`);
    expect(rir2.kind).toBe('ca');
    expect(rir2.issuer.text).toBe('CN=ta');
    expect(rir2.subject.text).toBe('CN=rir2');
    expect(rir2.aki).toBe(ta.ski);
    expect(rir2.crlDp).toEqual([ta.sia.rpkiManifest!.replace(/\.mft$/, '.crl')]);
    expect(rir2.aia).toEqual([`${BASE}ta/ta.cer`]);
    expect(rir2.sia.caRepository).toBe(`${BASE}rir2/`);
    expect(formatIpRange('ipv4', (rir2.ipResources!.resources.ipv4 as { min: bigint; max: bigint }[])[0])).toBe('10.128.0.0/9');
    expect((rir2.asResources!.resources.asnum as { min: number; max: number }[]).map(formatAsRange)).toEqual(['AS4247483647-AS4294967293']);
    expect(rir2.notAfter).toBe(TIME + 365 * DAY);
  });

  it('make a BGPsec router certificate: P-256 key, the router EKU, AS resources only, no SIA (RFC 8209 §3.1)', () => {
    const routers = [...decoded.values()].filter((d) => d.type === 'cer' && (d.value as ResourceCert).kind === 'router');
    expect(routers).toHaveLength(1);
    const r = routers[0].value as ResourceCert;
    expect(r.publicKey).toMatchObject({ type: 'ec', curve: 'P-256' });
    expect(r.eku).toEqual(['1.3.6.1.5.5.7.3.30']);
    expect(r.ipResources).toBeUndefined();
    const asn = (r.asResources!.resources.asnum as { min: number }[])[0].min;
    expect(r.subject.text).toBe(`CN=ROUTER-${asn.toString(16).toUpperCase().padStart(8, '0')}`);
    expect(r.subjectInfoAccess).toBeUndefined();
    expect(repo.expected.routerKeys).toEqual([{ asn, ski: r.ski }]);
  });
});

describe('CRLs and manifests', () => {
  it('make a CRL per CA: v2, the CA as issuer, its SKI as AKI, number 1, nothing revoked', () => {
    const ta = value<ResourceCert>(`${BASE}ta/ta.cer`);
    const crl = value<Crl>(ta.sia.rpkiManifest!.replace(/\.mft$/, '.crl'));
    expect(crl.version).toBe(1);
    expect(crl.issuer.text).toBe('CN=ta');
    expect(crl.aki).toBe(ta.ski);
    expect(crl.crlNumber).toBe(1n);
    expect(crl.revoked).toEqual([]);
    expect(crl.thisUpdate).toBe(TIME - DAY);
    expect(crl.nextUpdate).toBe(TIME + 30 * DAY);
  });

  it('make manifests listing every other file of the publication point with its SHA-256 (RFC 9286 §4.2)', () => {
    for (const [uri, d] of decoded) {
      if (d.type !== 'mft') continue;
      const mft = d.value as Manifest;
      const dir = uri.slice(0, uri.lastIndexOf('/') + 1);
      const files = [...repo.objects.keys()].filter((u) => u.startsWith(dir) && !u.slice(dir.length).includes('/') && u !== uri && !u.endsWith('/ta.cer'));
      expect(mft.fileList.map((f) => dir + f.file)).toEqual(files);
      for (const f of mft.fileList) expect(hex(f.hash)).toBe(createHash('sha256').update(repo.objects.get(dir + f.file)!).digest('hex'));
      expect(mft.manifestNumber).toBe(1n);
      expect([mft.thisUpdate, mft.nextUpdate]).toEqual([TIME - DAY, TIME + 30 * DAY]);
      const ee = mft.signedObject.ee;
      expect(ee.sia.signedObject).toBe(uri);
      expect(ee.ipResources!.resources).toEqual({ ipv4: 'inherit', ipv6: 'inherit' });
      expect(ee.asResources!.resources.asnum).toBe('inherit');
      expect(mft.signedObject.signerInfo.signingTime).toBe(ee.notBefore);
    }
  });
});

describe('ROAs, ASPAs and Ghostbusters records', () => {
  it('make ROAs whose content and EE resources are the planned prefixes (RFC 9582)', () => {
    const vrps = new Set(repo.expected.vrps.map((v) => `${v.asn} ${v.prefix} ${v.maxLength}`));
    let count = 0;
    for (const [uri, d] of decoded) {
      if (d.type !== 'roa') continue;
      const roa = d.value as Roa;
      count++;
      expect(uri).toMatch(new RegExp(`/AS${roa.asId}(-\\d)?\\.roa$`));
      expect(roa.version).toBe(0);
      const prefixes = roa.ipAddrBlocks.flatMap((f) => f.addresses);
      for (const a of prefixes) expect(vrps.has(`${roa.asId} ${formatPrefix(a.prefix)} ${a.maxLength ?? a.prefix.len}`)).toBe(true);
      const ee = roa.signedObject.ee;
      expect(ee.asResources).toBeUndefined();
      // RFC 9582 §5: the EE certificate holds exactly the ROA's prefixes, explicitly.
      for (const f of roa.ipAddrBlocks) {
        expect(ee.ipResources!.resources[f.afi]).toEqual(normaliseIp(f.addresses.map((a) => prefixToRange(a.prefix))));
      }
      expect(Object.keys(ee.ipResources!.resources).sort()).toEqual(roa.ipAddrBlocks.map((f) => f.afi).sort());
      expect(ee.sia.signedObject).toBe(uri);
      expect([ee.notBefore, ee.notAfter]).toEqual([TIME - DAY, TIME + 30 * DAY]);
    }
    expect(count).toBe(12);
  });

  it('make current-profile ASPAs: version 1, the customer in the EE certificate, providers ascending', () => {
    const aspas = [...decoded.values()].filter((d) => d.type === 'asa').map((d) => d.value as Aspa);
    expect(aspas).toHaveLength(2);
    for (const a of aspas) {
      expect(a.signedObject.eContentType).toBe('1.2.840.113549.1.9.16.1.49');
      expect(a.version).toBe(1);
      expect(a.signedObject.ee.asResources!.resources.asnum).toEqual([{ min: a.customerAsId, max: a.customerAsId }]);
      expect(a.signedObject.ee.ipResources).toBeUndefined();
      expect(a.providers).toEqual([...a.providers].sort((x, y) => x - y));
      expect(a.providers).not.toContain(a.customerAsId);
    }
    expect(aspas.map((a) => ({ customer: a.customerAsId, providers: a.providers })).sort((a, b) => a.customer - b.customer)).toEqual(
      repo.expected.aspas,
    );
  });

  it('make a Ghostbusters vCard with an EE certificate that inherits (RFC 6493)', () => {
    const [uri, gbr] = only<Gbr>('.gbr');
    expect(uri).toBe(`${BASE}rir1/rir1.gbr`);
    expect(gbr.fn).toBe('rir1 RPKI operations');
    expect(gbr.email).toBe('rpki@rir1.example');
    expect(gbr.text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(gbr.signedObject.ee.ipResources!.resources).toEqual({ ipv4: 'inherit', ipv6: 'inherit' });
  });
});
