/** Trust anchor checks (RFC 8630 §3) on the forge `small` repository, with the TAL or the TA certificate altered. */
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../cli/node-crypto.ts';
import { fixtureTal, forgeTree } from '../../testing/fixtures.ts';
import { MapSource } from './source.ts';
import type { TalInput } from './types.ts';
import { validate } from './walk.ts';

const TA = 'rsync://rpki.example.net/repo/ta/ta.cer';
const CA = 'rsync://rpki.example.net/repo/ta/rir1.cer';
const AT = Date.parse('2026-11-24T00:00:00Z') / 1000;

const repository = (): Map<string, Uint8Array> => forgeTree('small').source.objects;
const tal = (): TalInput => forgeTree('small').tals[0];

async function taReport(objects: Map<string, Uint8Array>, t: TalInput) {
  const r = await validate([t], new MapSource(objects), { time: AT, crypto: nodeCrypto() });
  return { ta: r.reports.find((x) => x.uri === t.uris[0])!, vrps: r.vrps };
}

describe('trust anchors', () => {
  it('the unaltered TA validates and yields VRPs', async () => {
    const { ta, vrps } = await taReport(repository(), tal());
    expect(ta.status).toBe('valid');
    expect(vrps.length).toBe(22);
  });

  it('a TAL with another key rejects the TA: walk.ta.key-mismatch', async () => {
    const other = fixtureTal('real/ripe-ncc-pilot-rrdp/ripe-pilot.tal', 'pilot');
    const { ta, vrps } = await taReport(repository(), { ...tal(), spki: other.spki });
    expect(ta.findings.map((f) => f.code)).toContain('walk.ta.key-mismatch');
    expect(ta.status).toBe('invalid');
    expect(vrps).toEqual([]);
  });

  it('a TAL pointing at a CA certificate is not a trust anchor: walk.ta.not-self-signed', async () => {
    const objects = repository();
    const { ta } = await taReport(objects, { ...tal(), uris: [CA] });
    expect(ta.findings.map((f) => f.code)).toContain('walk.ta.not-self-signed');
    expect(ta.status).toBe('invalid');
  });

  it('a TA certificate whose self-signature does not verify: walk.ta.signature-invalid', async () => {
    const objects = repository();
    const bytes = objects.get(TA)!.slice();
    bytes[bytes.length - 1] ^= 0x01; // the last octet of the signature value
    objects.set(TA, bytes);
    const { ta, vrps } = await taReport(objects, tal());
    expect(ta.findings.map((f) => f.code)).toEqual(['walk.ta.signature-invalid']);
    expect(vrps).toEqual([]);
  });
});
