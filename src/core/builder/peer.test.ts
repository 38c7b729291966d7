/**
 * Our walk against rpki-client 8.2 on the same built trees at the same evaluation time: one clean repository and one
 * with every defect. VRPs must be equal (8.2 reads only the old ASPA profile, so ASPAs are not comparable); router
 * keys, the whole CSV export (expiry times included) and the JSON metadata counts are compared too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { ensureRpkiClient, runRpkiClient } from '../../testing/rpki-client.ts';
import { FORMATS } from '../output/formats.ts';
import { exportData } from '../output/payloads.ts';
import { MapSource } from '../validate/source.ts';
import { validate } from '../validate/walk.ts';
import { DEFECT_NAMES, type DefectName } from './defects.ts';
import { buildRepository } from './repository.ts';
import { WEAK_KEY_POOL } from './weak-key-pool.ts';

const TIME = Date.parse('2026-01-01T00:00:00Z') / 1000;
const EVALUATION = TIME + 86400;

const key = (v: { asn: number; prefix: string; maxLength: number }) => `${v.asn} ${v.prefix} ${v.maxLength}`;

beforeAll(() => ensureRpkiClient());

describe('rpki-client 8.2 on the same tree', () => {
  it.each<[string, DefectName[]]>([
    ['a clean repository', []],
    ['a repository with every defect', DEFECT_NAMES],
  ])('%s: the same VRPs, router keys, CSV and JSON counts as ours', async (_name, defects) => {
    const repo = await buildRepository(
      { seed: `peer-${defects.length}`, intermediates: 3, members: 9, roas: 3, aspas: 3, routers: 2, gbrs: 2, defects },
      { time: TIME, keys: WEAK_KEY_POOL },
    );
    const { name, uris, spki } = repo.tal;
    const ours = await validate([{ name, uris, spki }], new MapSource(repo.objects), { time: EVALUATION, crypto: nodeCrypto() });
    const theirs = runRpkiClient({ tal: repo.tal, objects: repo.objects, time: EVALUATION });
    expect(theirs.status).toBe(0);

    const ourVrps = [...new Set(ours.vrps.map(key))].sort();
    expect([...new Set(theirs.vrps.map(key))].sort()).toEqual(ourVrps);
    expect(ourVrps).toEqual(repo.expected.vrps.map(key).sort());
    expect(ourVrps.length).toBeGreaterThan(10);

    const routerKeys = (keys: { asn: number; ski: string; pubkey: string }[]) => keys.map((k) => `${k.asn} ${k.ski.toLowerCase()} ${k.pubkey}`).sort();
    expect(routerKeys(theirs.routerKeys)).toEqual(routerKeys(ours.routerKeys));
    expect(ours.routerKeys.length).toBe(2);

    expect(FORMATS.csv.format(exportData(ours, [name]))).toBe(theirs.csv);

    // The JSON metadata: every count but the ASPA ones (see below), rejected objects counted by rpki-client's
    // stages; not the host, times and paths.
    const meta = JSON.parse(FORMATS.json.format(exportData(ours, [name]))).metadata as Record<string, unknown>;
    const compared = Object.keys(meta).filter((k) => !/^(build|elapsed|user|system)|asp|vaps|talfiles/.test(k));
    expect(compared).toHaveLength(17);
    for (const k of compared) expect([k, meta[k]]).toEqual([k, theirs.json.metadata[k]]);
    expect(meta.repositories).toBe(2);

    // 8.2 predates the current ASPA profile: it fails to parse every ASPA, which is why ASPAs are not compared.
    expect(theirs.stderr.match(/ASPA: failed to parse ASProviderAttestation/g)).toHaveLength(repo.expected.aspas.length);
    expect(repo.expected.aspas.length).toBeGreaterThan(0);
  });
});
