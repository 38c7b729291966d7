/**
 * A stored snapshot as a dropped file is verified against it: the walk's reports carry each certificate's SKI,
 * the store finds issuers by it and by URI, and the chain check reads bytes and verdicts back from IndexedDB.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../cli/node-crypto.ts';
import { buildRepository } from '../core/builder/repository.ts';
import { WEAK_KEY_POOL } from '../core/builder/weak-key-pool.ts';
import { decodeObject } from '../core/objects/object.ts';
import { verifyInSnapshot } from '../core/validate/chain.ts';
import { MapSource } from '../core/validate/source.ts';
import { validate } from '../core/validate/walk.ts';
import { putObjects } from './fake-run.ts';
import { openStore } from './store.ts';

describe('verifying a file against a stored snapshot', async () => {
  const built = Date.parse('2026-01-01T00:00:00Z') / 1000;
  const ctx = { time: built + 86400, crypto: nodeCrypto() };
  const repo = await buildRepository({ seed: 'lookup', intermediates: 1, members: 1, roas: 1 }, { time: built, keys: WEAK_KEY_POOL });
  const result = await validate([repo.tal], new MapSource(repo.objects), ctx);
  const store = await openStore(`lookup-${Math.random()}`);
  const source = { kind: 'sample' as const, label: 'built' };
  const { id } = await store.createSnapshot({ name: 'built', source, evaluationTime: ctx.time, tals: ['ta'] });
  const at = await putObjects(store, id, [...repo.objects].map(([uri, bytes]) => ({ uri, bytes })));
  await store.putReports(id, result.reports, at);
  const empty = await store.createSnapshot({ name: 'empty', source, evaluationTime: ctx.time, tals: [] });
  const roaUri = [...repo.objects.keys()].find((u) => u.endsWith('.roa'))!;
  const roa = repo.objects.get(roaUri)!;

  it('stores each certificate\'s SKI, so search finds a CA by it', async () => {
    const ca = result.reports.find((r) => r.type === 'cer' && r.issuer)!;
    expect(ca.ski).toMatch(/^[0-9a-f]{40}$/);
    const colons = ca.ski!.toUpperCase().replace(/(..)(?!$)/g, '$1:');
    expect((await store.search(id, colons)).map((h) => [h.match, h.report.uri])).toEqual([['ski', ca.uri]]);
  });

  it('verifies a ROA through the stored chain, and finds no issuer in another snapshot', async () => {
    const r = await verifyInSnapshot('x.roa', roa, decodeObject('x.roa', roa), store.lookup(id), ctx);
    expect([r.report.status, r.report.issuer]).toEqual(['valid', result.reports.find((x) => x.uri === roaUri)!.issuer]);
    expect(r.payloads.vrps.map((v) => v.prefix)).toEqual(result.vrps.filter((v) => v.roa === roaUri).map((v) => v.prefix));
    const none = await verifyInSnapshot('x.roa', roa, decodeObject('x.roa', roa), store.lookup(empty.id), ctx);
    expect(none.report.findings.map((f) => f.code)).toEqual(['chain.issuer.missing']);
  });
});
