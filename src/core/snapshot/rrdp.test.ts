/** RRDP files from real servers and from other validators' test suites, with what those suites expect of them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../cli/snapshot-input.ts';
import { FIXTURES, fixture } from '../../testing/fixtures.ts';
import type { Finding } from '../report/finding.ts';
import { DeltaPlan, deltasNeeded, parseNotification, readRrdpFile, sha256Hex, type DeltaOp, type RrdpEvent } from './rrdp.ts';
import { loadSnapshot, readSnapshot } from './index.ts';
import { streamOf } from './streams.ts';
import type { SnapshotFile } from './types.ts';

const REGRESS = 'real/openbsd-rpki-client-regress/rrdp';
const KRILL = 'real/nlnetlabs-krill-sync-rrdp';
const MONITORING = 'real/ripe-ncc-rpki-monitoring/rrdp';
const RPKI_RS = 'real/nlnetlabs-rpki-rs/rrdp';

/** Every event of one file, and its findings. */
async function parse(path: string): Promise<{ events: RrdpEvent[]; findings: Finding[]; root?: { session: string; serial: bigint } }> {
  const findings: Finding[] = [];
  const { makeFinding } = await import('../report/finding.ts');
  const gen = readRrdpFile(streamOf(fixture(path)), path, (c, p) => findings.push(makeFinding(c, p)), { maxObjectSize: 1 << 26 });
  const events: RrdpEvent[] = [];
  let r = await gen.next();
  for (; !r.done; r = await gen.next()) events.push(r.value);
  return { events, findings, root: r.value.root };
}

/** Fixture files as a folder, named as given. */
function folder(files: Record<string, string>): SnapshotFile[] {
  return Object.entries(files).map(([path, fixturePath]) => {
    const bytes = fixture(fixturePath);
    return { path, size: bytes.length, read: async () => bytes, stream: () => streamOf(bytes) };
  });
}

const codes = (findings: Finding[]) => findings.map((f) => f.code);

/** rpki-client's test-rrdp output: "key: value" lines. */
function regressOut(name: string): string[] {
  return readFileSync(join(FIXTURES, REGRESS, name), 'utf8').trim().split('\n');
}

describe('rpki-client regress (test-rrdp r1–r7)', () => {
  it('r1: notification.xml gives session, serial and snapshot hash', async () => {
    const n = await parseNotification(fixture(`${REGRESS}/notification.xml`));
    expect(n.ok).toBe(true);
    expect(n.value!.session).toBe('8fe05c2e-047d-49e7-8398-cd4250a572b1');
    expect(n.value!.serial).toBe(50550n);
    expect(n.value!.snapshot).toEqual({
      uri: 'https://rpki.example.com/8fe05c2e-047d-49e7-8398-cd4250a572b1/50550/snapshot.xml',
      hash: 'ae52f78bcb1b258a1da924122971b0fddfce4c01b2b2dba59c9b28ef1d94c02b',
    });
    expect(regressOut('rrdp-r1.out')[2]).toContain(n.value!.snapshot!.hash.toUpperCase());
  });

  it('r2: from serial 50500 the deltas 50501–50550 are needed, with the listed hashes', async () => {
    const n = (await parseNotification(fixture(`${REGRESS}/notification.xml`))).value!;
    const decision = deltasNeeded(n, { session: '8fe05c2e-047d-49e7-8398-cd4250a572b1', serial: 50500n });
    const lines = regressOut('rrdp-r2.out');
    const want: { serial: bigint; hash: string }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const m = /delta serial (\d+) uri/.exec(lines[i]);
      if (m) want.push({ serial: BigInt(m[1]), hash: lines[i + 1].split('delta hash: ')[1].toLowerCase() });
    }
    expect(want.length).toBe(50);
    expect(decision.kind).toBe('deltas');
    if (decision.kind === 'deltas') expect(decision.deltas.map((d) => ({ serial: d.serial, hash: d.hash }))).toEqual(want);
    expect(deltasNeeded(n, { session: '8fe05c2e-047d-49e7-8398-cd4250a572b1', serial: 50550n })).toEqual({ kind: 'up-to-date' });
    expect(deltasNeeded(n, { session: '8fe05c2e-047d-49e7-8398-cd4250a572b1', serial: 50100n })).toEqual({ kind: 'snapshot', reason: 'deltas-missing' });
    expect(deltasNeeded(n, { session: '9b3f7e31-4979-4f8c-9818-73e4dadc3e6b', serial: 50549n })).toEqual({ kind: 'snapshot', reason: 'new-session' });
  });

  it('r3: delta.xml gives its withdraw, updates and add with their hashes', async () => {
    const { events, findings, root } = await parse(`${REGRESS}/delta.xml`);
    expect(findings).toEqual([]);
    expect(root).toEqual({ element: 'delta', session: '9b3f7e31-4979-4f8c-9818-73e4dadc3e6b', serial: 13755n });
    const lines = regressOut('rrdp-r3.out');
    const want: { type: string; uri: string; data: string; hash?: string }[] = [];
    for (const l of lines) {
      const [, key, value] = /^test-rrdp: (\w+): (.*)$/.exec(l) ?? [];
      if (key === 'type') want.push({ type: value, uri: '', data: '' });
      else if (key === 'uri' || key === 'data' || key === 'hash') want[want.length - 1][key] = value.toLowerCase();
    }
    const got = events.map((e) =>
      e.type === 'withdraw'
        ? { type: 'delete', uri: e.uri.toLowerCase(), data: sha256Hex(new Uint8Array()), hash: e.hash }
        : e.type === 'publish'
          ? { type: e.hash ? 'update' : 'add', uri: e.uri.toLowerCase(), data: sha256Hex(e.bytes), ...(e.hash ? { hash: e.hash } : {}) }
          : undefined,
    );
    expect(want.length).toBe(4);
    expect(got).toEqual(want);
  });

  it('r4: snapshot.xml gives three objects whose hashes match', async () => {
    const { events, findings, root } = await parse(`${REGRESS}/snapshot.xml`);
    expect(findings).toEqual([]);
    expect(root).toEqual({ element: 'snapshot', session: '7e7d2563-5bbb-40b0-8723-6a2e90c85d9e', serial: 28483n });
    const want = regressOut('rrdp-r4.out').filter((l) => l.includes('data: ')).map((l) => l.split('data: ')[1]);
    expect(events.map((e) => (e.type === 'publish' ? sha256Hex(e.bytes) : e.type))).toEqual(want);
  });

  it.each([
    ['r5', 'xxe.xml', 'snapshot.xml.doctype'],
    ['r6', 'billion_lol.xml', 'snapshot.xml.doctype'],
    ['r7', 'notification_xmlns.xml', 'snapshot.rrdp.namespace'],
  ])('%s: %s is rejected (%s)', async (_, file, code) => {
    const findings: Finding[] = [];
    const entries = [];
    for await (const e of readSnapshot(fixture(`${REGRESS}/${file}`), file, (f) => findings.push(f))) entries.push(e);
    expect(entries).toEqual([]);
    expect(codes(findings)[0]).toBe(code);
    expect(findings[0].stage).toBe('load');
    const n = await parseNotification(fixture(`${REGRESS}/${file}`));
    expect(n.ok).toBe(false);
  });
});

describe('rpki-rs notifications', () => {
  it('ripe-notification.xml has contiguous deltas; the one with gaps does not', async () => {
    const good = await parseNotification(fixture(`${RPKI_RS}/ripe-notification.xml`));
    expect(good.ok).toBe(true);
    expect(good.findings).toEqual([]);
    expect(good.value!.serial).toBe(1742n);
    const gaps = await parseNotification(fixture(`${RPKI_RS}/ripe-notification-with-gaps.xml`));
    expect(codes(gaps.findings)).toEqual(['snapshot.rrdp.notification.delta-serials']);
    expect(gaps.findings[0].params.missing).toBe('1737');
  });

  it('the unsorted notification reads as the sorted one', async () => {
    const sorted = await parseNotification(fixture(`${RPKI_RS}/ripe-notification.xml`));
    const unsorted = await parseNotification(fixture(`${RPKI_RS}/ripe-notification-unsorted.xml`));
    expect(unsorted.findings).toEqual([]);
    expect(unsorted.value).toEqual(sorted.value);
  });

  it('refuses the entity-expansion notification', async () => {
    const n = await parseNotification(fixture(`${RPKI_RS}/lolz-notification.xml`));
    expect(n.ok).toBe(false);
    expect(codes(n.findings)).toEqual(['snapshot.xml.doctype']);
  });

  it('reads ripe-snapshot.xml (277 objects) and ripe-delta.xml, whose hashes are upper case', async () => {
    const snap = await loadSnapshot(fixture(`${RPKI_RS}/ripe-snapshot.xml`), 'ripe-snapshot.xml');
    expect(snap.stats.objects).toBe(277);
    const delta = await parse(`${RPKI_RS}/ripe-delta.xml`);
    expect(delta.findings).toEqual([]);
    expect(delta.events.some((e) => e.type === 'publish' && e.hash === 'c12fcbdacec1261f5b8d66b1bb3d42d921bd3d5c72404e26e8259ba75f0feaf3')).toBe(true);
  });
});

describe('RIPE NCC rpki-monitoring: notification and snapshot pairs', () => {
  const pair = (notification: string, snapshot: string, snapshotDir = MONITORING) =>
    loadSnapshot(folder({ 'notification.xml': `${MONITORING}/${notification}`, 'snapshot.xml': `${snapshotDir}/${snapshot}` }), 'rrdp');

  it('ripe-notification.xml with rpki-rs\' ripe-snapshot.xml: serial 1742, no collision', async () => {
    const r = await pair('ripe-notification.xml', 'ripe-snapshot.xml', RPKI_RS);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.stats.rrdp).toEqual({ session: 'a2d845c4-5b91-4015-a2b7-988c03ce232a', serial: '1742' });
    expect(r.stats.objects).toBe(277);
  });

  it('the hash2 pair: same serial, another snapshot, accepted', async () => {
    const r = await pair('ripe-notification-1742-hash2.xml', 'ripe-snapshot-1742-hash2.xml');
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.stats.rrdp?.serial).toBe('1742');
    expect(r.stats.objects).toBeGreaterThan(0);
  });

  it('the collision pair: accepted with one collision, the first copy kept', async () => {
    const r = await pair('ripe-notification-collision.xml', 'ripe-snapshot-collision.xml');
    expect(codes(r.findings)).toEqual(['snapshot.rrdp.publish.duplicate']);
    expect(r.stats.objects).toBe(1);
    const [bytes] = r.source.objects.values();
    expect(bytes[0]).toBe(0x30);
  });

  it.each([
    ['ripe-notification.xml', 'ripe-snapshot-collision.xml', MONITORING, 'snapshot.rrdp.snapshot.hash-mismatch'],
    ['ripe-notification-serial-2.xml', 'ripe-snapshot.xml', RPKI_RS, 'snapshot.rrdp.snapshot.serial-mismatch'],
    ['ripe-notification-session-mismatch.xml', 'ripe-snapshot-session-mismatch.xml', MONITORING, 'snapshot.rrdp.snapshot.session-mismatch'],
  ])('%s with %s fails (%s)', async (n, s, dir, code) => {
    const r = await pair(n, s, dir);
    expect(codes(r.findings)).toEqual([code, 'snapshot.rrdp.snapshot.missing', 'snapshot.empty']);
    expect(r.stats.objects).toBe(0);
  });
});

describe('Krill (krill-sync test resources)', () => {
  const session = 'e9be21e7-c537-4564-b742-64700978c6b4';
  const deltaPath = (serial: number) => `${KRILL}/rrdp-rev2656/${session}/${serial}/delta.xml`;

  it('deltas 2649–2656 chain up, hash by hash, to the content of snapshot 2656', async () => {
    const snapshot = await loadSnapshot(fixture(`${KRILL}/rrdp-rev2656/${session}/2656/snapshot.xml`), 'snapshot.xml');
    expect(snapshot.stats.objects).toBe(440);
    const findings: Finding[] = [];
    const { makeFinding } = await import('../report/finding.ts');
    const plan = new DeltaPlan((c, p) => findings.push(makeFinding(c, p)));
    for (let serial = 2649; serial <= 2656; serial++) {
      const { events, root } = await parse(deltaPath(serial));
      expect(root).toMatchObject({ session, serial: BigInt(serial) });
      const ops: DeltaOp[] = events.flatMap((e) =>
        e.type === 'publish' ? [{ serial: BigInt(serial), entry: String(serial), kind: 'publish' as const, uri: e.uri, hash: e.hash, bytes: e.bytes }] : [],
      );
      plan.addDelta(BigInt(serial), ops);
    }
    expect(findings).toEqual([]);
    const touched = [...plan.uris];
    expect(touched.length).toBe(15);
    for (const uri of touched) expect(plan.result(uri, undefined), uri).toEqual(snapshot.source.get(uri));
  });

  it('with delta 2653 left out, 2655 does not continue the state and the chain stops there', async () => {
    const findings: Finding[] = [];
    const { makeFinding } = await import('../report/finding.ts');
    const plan = new DeltaPlan((c, p) => findings.push(makeFinding(c, p)));
    for (const serial of [2649, 2655]) {
      const { events } = await parse(deltaPath(serial));
      plan.addDelta(
        BigInt(serial),
        events.flatMap((e) => (e.type === 'publish' ? [{ serial: BigInt(serial), entry: String(serial), kind: 'publish' as const, uri: e.uri, hash: e.hash, bytes: e.bytes }] : [])),
      );
    }
    expect(codes(findings)).toContain('snapshot.rrdp.delta.hash-conflict');
    expect(plan.stopAt).toBe(2655n);
  });

  it('the rev2656 folder loads snapshot 2656; the listed deltas check out by hash', async () => {
    const r = await loadSnapshot(await listFiles(join(FIXTURES, KRILL, 'rrdp-rev2656')), 'rrdp-rev2656');
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.stats).toMatchObject({ objects: 440, rrdp: { session, serial: '2656' }, layouts: ['rrdp-folder'] });
    expect(r.findings.filter((f) => f.code === 'snapshot.rrdp.file.ignored').length).toBe(8);
  });

  it('the session-reset folder loads snapshot 2 of the new session', async () => {
    const r = await loadSnapshot(await listFiles(join(FIXTURES, KRILL, 'rrdp-rev2-session-reset')), 'reset');
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.stats).toMatchObject({ objects: 441, rrdp: { session: 'bf64ea72-ebb8-462f-99fb-8cd06f418565', serial: '2' } });
  });

  it('the empty snapshot loads nothing, and says so', async () => {
    const r = await loadSnapshot(await listFiles(join(FIXTURES, KRILL, 'rrdp-empty-snapshot')), 'empty');
    expect(codes(r.findings)).toEqual(['snapshot.empty']);
    expect(r.stats.rrdp).toEqual({ session: 'bf64ea72-ebb8-462f-99fb-8cd06f418565', serial: '1' });
  });
});

describe('a folder with a snapshot, later deltas and their notification (built on the forge snapshot)', () => {
  const NS = 'http://www.ripe.net/rpki/rrdp';
  const SESSION = '74cf818b-29b0-4c45-af4a-7263107b1d9d';
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  const enc = new TextEncoder();
  const delta = (serial: number, body: string) => enc.encode(`<delta xmlns="${NS}" version="1" session_id="${SESSION}" serial="${serial}">\n${body}\n</delta>\n`);
  const notification = (deltas: [number, Uint8Array][]) =>
    enc.encode(
      `<notification xmlns="${NS}" version="1" session_id="${SESSION}" serial="3">\n` +
        `<snapshot uri="https://rpki.example.net/rrdp/3/snapshot.xml" hash="${'0'.repeat(64)}"/>\n` +
        deltas.map(([s, d]) => `<delta serial="${s}" uri="https://rpki.example.net/rrdp/${s}/delta.xml" hash="${sha256Hex(d)}"/>`).join('\n') +
        '\n</notification>\n',
    );
  const asFolder = (files: Record<string, Uint8Array>): SnapshotFile[] =>
    Object.entries(files).map(([path, bytes]) => ({ path, size: bytes.length, read: async () => bytes, stream: () => streamOf(bytes) }));

  async function setup() {
    const snapshot = fixture('forge/small/rrdp/snapshot.xml');
    const base = (await loadSnapshot(snapshot, 'snapshot.xml')).source.objects;
    const [gone, changed] = [...base.keys()].filter((u) => u.endsWith('.roa'));
    const newUri = 'rsync://rpki.example.net/repo/new.roa';
    const v2 = Uint8Array.from([0x30, 1, 2]);
    const v3 = Uint8Array.from([0x30, 1, 3]);
    const replaced = Uint8Array.from([0x30, 1, 9]);
    const d2 = delta(
      2,
      `<withdraw uri="${gone}" hash="${sha256Hex(base.get(gone)!)}"/>\n` +
        `<publish uri="${changed}" hash="${sha256Hex(base.get(changed)!)}">${b64(replaced)}</publish>\n` +
        `<publish uri="${newUri}">${b64(v2)}</publish>`,
    );
    const d3 = (hash: string) => delta(3, `<publish uri="${newUri}" hash="${hash}">${b64(v3)}</publish>`);
    return { snapshot, base, gone, changed, newUri, v2, v3, replaced, d2, d3 };
  }

  it('applies deltas 2 and 3 to snapshot 1', async () => {
    const s = await setup();
    const d3 = s.d3(sha256Hex(s.v2));
    const r = await loadSnapshot(asFolder({ 'notification.xml': notification([[2, s.d2], [3, d3]]), '1/snapshot.xml': s.snapshot, '2/delta.xml': s.d2, '3/delta.xml': d3 }), 'rrdp');
    expect(codes(r.findings)).toEqual(['snapshot.rrdp.snapshot.behind']);
    expect(r.stats.rrdp).toEqual({ session: SESSION, serial: '3' });
    expect(r.source.get(s.gone)).toBeUndefined();
    expect(r.source.get(s.changed)).toEqual(s.replaced);
    expect(r.source.get(s.newUri)).toEqual(s.v3);
    expect(r.stats.objects).toBe(s.base.size);
  });

  it('stops before a delta whose publish expects another object', async () => {
    const s = await setup();
    const d3 = s.d3('1'.repeat(64));
    const r = await loadSnapshot(asFolder({ 'notification.xml': notification([[2, s.d2], [3, d3]]), '1/snapshot.xml': s.snapshot, '2/delta.xml': s.d2, '3/delta.xml': d3 }), 'rrdp');
    expect(codes(r.findings)).toEqual(['snapshot.rrdp.snapshot.behind', 'snapshot.rrdp.delta.hash-conflict']);
    expect(r.findings[1].params).toMatchObject({ entry: '3/delta.xml', serial: '3', uri: s.newUri });
    expect(r.stats.rrdp?.serial).toBe('2');
    expect(r.source.get(s.newUri)).toEqual(s.v2);
  });

  it('applies a delta the notification does not list, warning that its hash went unchecked (RFC 8182 §3.4.1)', async () => {
    const s = await setup();
    const d3 = s.d3(sha256Hex(s.v2));
    // Notifications list recent deltas only: this one lists delta 3 but no longer delta 2.
    const r = await loadSnapshot(asFolder({ 'notification.xml': notification([[3, d3]]), '1/snapshot.xml': s.snapshot, '2/delta.xml': s.d2, '3/delta.xml': d3 }), 'rrdp');
    expect(r.findings.map((f) => [f.code, f.severity, f.stage])).toEqual([
      ['snapshot.rrdp.snapshot.behind', 'warning', 'load'],
      ['snapshot.rrdp.delta.not-listed', 'warning', 'load'],
    ]);
    expect(r.findings[1].params).toEqual({ entry: '2/delta.xml', notification: 'notification.xml', serial: '2' });
    expect(r.stats.rrdp).toEqual({ session: SESSION, serial: '3' });
    expect(r.source.get(s.gone)).toBeUndefined();
    expect(r.source.get(s.newUri)).toEqual(s.v3);
  });

  it('uses no delta whose file does not match the notification\'s hash', async () => {
    const s = await setup();
    const d3 = s.d3(sha256Hex(s.v2));
    const tampered = delta(2, '<publish uri="rsync://rpki.example.net/repo/evil.roa">MAA=</publish>');
    const r = await loadSnapshot(asFolder({ 'notification.xml': notification([[2, s.d2], [3, d3]]), '1/snapshot.xml': s.snapshot, '2/delta.xml': tampered, '3/delta.xml': d3 }), 'rrdp');
    expect(codes(r.findings)).toEqual(['snapshot.rrdp.snapshot.behind', 'snapshot.rrdp.delta.hash-mismatch', 'snapshot.rrdp.file.ignored']);
    expect(r.stats.rrdp?.serial).toBe('1');
    expect([...r.source.objects.keys()].sort()).toEqual([...s.base.keys()].sort());
  });
});
