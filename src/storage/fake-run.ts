/**
 * A synthetic validation run for the storage tests: one trust anchor, `cas` CA certificates under it, each with a
 * manifest, a CRL and `roas` ROAs (every seventh invalid), plus one unreached object, and the payloads.
 */
import { makeFinding } from '../core/report/finding.ts';
import type { AspaPayload, RouterKey, Vrp } from '../core/validate/types.ts';
import type { ObjectLocations } from './packs.ts';
import type { StoredReport } from './schema.ts';
import type { Store } from './store.ts';

export const TA_URI = 'rsync://ta.example.net/ta/ta.cer';
export const caUri = (i: number) => `rsync://repo.example.net/repo/ca${i}.cer`;
export const mftUri = (i: number) => `rsync://repo.example.net/repo/ca${i}/ca${i}.mft`;
export const roaUri = (i: number, j: number) => `rsync://repo.example.net/repo/ca${i}/roa-${i}-${j}.roa`;
export const UNREACHED_URI = 'rsync://repo.example.net/repo/orphan/lost.roa';
export const roaAsn = (i: number, j: number) => 64496 + i * 1000 + j;

export interface FakeRun {
  reports: StoredReport[];
  vrps: Vrp[];
  aspas: AspaPayload[];
  routerKeys: RouterKey[];
}

export function fakeRun(cas: number, roas: number): FakeRun {
  const ta = 'example';
  const reports: StoredReport[] = [{ uri: TA_URI, type: 'cer', status: 'valid', findings: [], ta, summary: 'TA Example' }];
  const vrps: Vrp[] = [];
  for (let i = 0; i < cas; i++) {
    const base = { ta, issuer: caUri(i), manifest: mftUri(i) };
    reports.push({ uri: caUri(i), type: 'cer', status: 'valid', findings: [], ta, issuer: TA_URI, manifest: 'rsync://ta.example.net/ta/ta.mft' });
    reports.push({ uri: mftUri(i), type: 'mft', status: 'valid', findings: [], ta, issuer: caUri(i) });
    reports.push({ uri: mftUri(i).replace('.mft', '.crl'), type: 'crl', status: 'valid', findings: [], ...base });
    for (let j = 0; j < roas; j++) {
      const uri = roaUri(i, j);
      const prefix = `10.${i & 255}.${j & 255}.0/24`;
      if ((i * roas + j) % 7 === 6) {
        const findings = [makeFinding('cert.validity.expired', { notAfter: '2020-01-01' }), makeFinding('cms.signature.invalid')];
        reports.push({ uri, type: 'roa', status: 'invalid', findings, ...base, asns: [roaAsn(i, j)], prefixes: [prefix] });
      } else {
        reports.push({ uri, type: 'roa', status: 'valid', findings: [], ...base, summary: `AS${roaAsn(i, j)} · 1 prefixes` });
        vrps.push({ asn: roaAsn(i, j), prefix, maxLength: 24, ta, expires: 1_800_000_000 + j, roa: uri });
      }
    }
  }
  reports.push({ uri: UNREACHED_URI, type: 'roa', status: 'unreached', findings: [makeFinding('walk.object.unreached', { uri: UNREACHED_URI })] });
  const expires = 1_800_000_000;
  const aspas: AspaPayload[] = [{ customer: 65000, providers: [64496, 65001], ta, expires, uri: 'rsync://repo.example.net/repo/ca0/65000.asa' }];
  const ski = '0123456789abcdef0123456789abcdef01234567';
  const routerKeys: RouterKey[] = [{ asn: 65010, ski, pubkey: 'MFkw', ta, expires, uri: 'rsync://repo.example.net/repo/ca0/router.cer' }];
  return { reports, vrps, aspas, routerKeys };
}

/** Stores objects as a run does (Store.packWriter), resolving with where each went. */
export async function putObjects(store: Store, id: string, entries: readonly { uri: string; bytes: Uint8Array }[], packBytes?: number): Promise<ObjectLocations> {
  const writer = store.packWriter(id, packBytes);
  for (const e of entries) writer.set(e.uri, e.bytes);
  return writer.done();
}
