/**
 * A walk that hands its reports over as they become final and keeps none (keepReports: false, as the app runs it)
 * gives the same reports, and with ReportCounts gathered on the way the same export, as one that keeps them.
 */
import { describe, expect, it } from 'vitest';
import { DirectorySource } from '../../cli/fs-source.ts';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { exportData, ReportCounts } from '../output/payloads.ts';
import { FIXTURES, fixtureTal } from '../../testing/fixtures.ts';
import type { ObjectReport } from './types.ts';
import { validate } from './walk.ts';

const dir = `${FIXTURES}/forge/medium-defects`;
const time = Date.parse('2026-11-24T00:00:00Z') / 1000;
const tals = [fixtureTal('forge/medium-defects/ta.tal', 'ta')];
const byUri = (a: ObjectReport, b: ObjectReport) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);

describe('reports streamed, not kept', () => {
  it('are the reports a kept walk gives, counted into the same export', async () => {
    const kept = await validate(tals, new DirectorySource(`${dir}/repo`, ['ta']), { time, crypto: nodeCrypto() });
    const handed: ObjectReport[] = [];
    const counts = new ReportCounts();
    const streamed = await validate(tals, new DirectorySource(`${dir}/repo`, ['ta']), {
      time,
      crypto: nodeCrypto(),
      keepReports: false,
      onReports: (batch) => {
        handed.push(...batch);
        counts.add(batch);
      },
    });
    expect(streamed.reports).toEqual([]);
    // Every report, the 44 objects no manifest reaches included (the sweep knows what was reported).
    expect(handed.sort(byUri)).toEqual(kept.reports);
    expect(handed.filter((r) => r.status === 'unreached')).toHaveLength(44);
    const data = exportData(kept, ['ta']);
    // rpki-client 8.2's counts on the same tree (its JSON metadata, run as src/testing/rpki-client.ts runs it).
    expect(data.stats).toMatchObject({
      roas: 3860, failedroas: 6, invalidroas: 1, certificates: 206, invalidcertificates: 2,
      manifests: 204, failedmanifests: 4, stalemanifests: 1, crls: 199, repositories: 2, tals: 1, uniquevrps: 5349,
    });
    expect(exportData(streamed, ['ta'], counts)).toEqual(data);
  });
});
