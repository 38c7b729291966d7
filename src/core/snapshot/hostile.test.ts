/**
 * Broken and hostile input: every case ends with a finding that names the entry, the rest of the snapshot still
 * loads, and nothing throws or hangs.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packTar, type TarEntry } from 'modern-tar';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../cli/snapshot-input.ts';
import { fixture } from '../../testing/fixtures.ts';
import type { Finding } from '../report/finding.ts';
import { loadSnapshot, readSnapshot } from './index.ts';
import type { ReadOptions, SnapshotInput } from './types.ts';

const enc = new TextEncoder();
/** A small DER-looking object (a SEQUENCE), distinct per seed. */
const obj = (seed: number, size = 40) => Uint8Array.from({ length: size }, (_, i) => (i === 0 ? 0x30 : i === 1 ? size - 2 : (seed * 31 + i) & 0xff));
const file = (name: string, bytes: Uint8Array): TarEntry => ({ header: { name, size: bytes.length, type: 'file' }, body: bytes });

async function load(input: SnapshotInput, name = 'input', opts: ReadOptions = {}) {
  const r = await loadSnapshot(input, name, opts);
  return { ...r, codes: r.findings.map((f) => f.code), uris: [...r.source.objects.keys()].sort() };
}

const findingFor = (findings: Finding[], code: string) => findings.find((f) => f.code === code);

describe('gzip', () => {
  const tgz = fixture('forge/small/snapshot.tar.gz');

  it('a truncated .tar.gz keeps the entries before the cut', async () => {
    const r = await load(tgz.subarray(0, Math.floor(tgz.length * 0.6)), 'cut.tar.gz');
    expect(r.codes).toContain('snapshot.gzip.truncated');
    expect(r.stats.objects).toBeGreaterThan(0);
    expect(r.stats.objects).toBeLessThan(36);
    expect(findingFor(r.findings, 'snapshot.gzip.truncated')!.params.entry).toMatch(/^cut\.tar\.gz \(after .+\)$/);
  });

  it('a damaged .tar.gz is reported as such', async () => {
    const bad = tgz.slice();
    bad[bad.length - 6] ^= 0xff; // the CRC-32 of RFC 1952 §2.3.1
    const r = await load(bad, 'crc.tar.gz');
    expect(r.codes).toContain('snapshot.gzip.corrupt');
  });
});

describe('tar structure', () => {
  const three = () => packTar([file('h.example/m/a.roa', obj(1)), file('h.example/m/b.roa', obj(2)), file('h.example/m/c.roa', obj(3))]);

  it('a header whose checksum fails is skipped, with the next member found again', async () => {
    const tar = await three();
    // Member b's header starts after a's header and one body block.
    tar[1024 + 13] ^= 0x01;
    const r = await load(tar, 'x.tar');
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa', 'rsync://h.example/m/c.roa']);
    const f = findingFor(r.findings, 'snapshot.tar.checksum')!;
    expect(f.params).toMatchObject({ offset: 1024, skipped: 1024 });
    expect(f.params.entry).toMatch(/x\.tar: h\.example\/m\/b.roa|x\.tar: h\.example\/m\/b.+/);
    expect(f.stage).toBe('load');
  });

  it('an archive cut inside a member keeps the members before it', async () => {
    const tar = await three();
    const r = await load(tar.subarray(0, 2048 + 512 + 18), 'cut.tar');
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa', 'rsync://h.example/m/b.roa']);
    expect(findingFor(r.findings, 'snapshot.tar.truncated')!.params).toMatchObject({ entry: 'cut.tar: h.example/m/c.roa', size: 40, got: 18 });
  });

  it('an archive without its end marker is noted', async () => {
    const tar = await three();
    const r = await load(tar.subarray(0, 3 * 1024), 'short.tar');
    expect(r.uris.length).toBe(3);
    expect(r.codes).toEqual(['snapshot.tar.no-end-marker']);
  });

  it('an empty archive, an empty file', async () => {
    expect((await load(await packTar([]), 'empty.tar')).codes).toEqual(['snapshot.empty']);
    expect((await load(new Uint8Array(), 'nothing')).codes).toEqual(['snapshot.empty']);
  });
});

describe('entries', () => {
  it('refuses path traversal and absolute names', async () => {
    const tar = await packTar([
      file('../evil.example/m/x.roa', obj(1)),
      file('/abs.example/m/y.roa', obj(2)),
      file('ok.example/m/../../../etc/z.roa', obj(3)),
      file('ok.example/m/fine.roa', obj(4)),
    ]);
    const r = await load(tar, 't.tar');
    expect(r.uris).toEqual(['rsync://ok.example/m/fine.roa']);
    expect(r.codes).toEqual(['snapshot.entry.path-unsafe', 'snapshot.entry.path-unsafe', 'snapshot.entry.path-unsafe']);
    expect(r.findings.map((f) => f.params.entry)).toEqual(['t.tar: ../evil.example/m/x.roa', 't.tar: /abs.example/m/y.roa', 't.tar: ok.example/m/../../../etc/z.roa']);
  });

  it('skips symbolic and hard links', async () => {
    const tar = await packTar([
      { header: { name: 'h.example/m/s.roa', size: 0, type: 'symlink', linkname: '/etc/passwd' } },
      { header: { name: 'h.example/m/l.roa', size: 0, type: 'link', linkname: 'h.example/m/a.roa' } },
      file('h.example/m/a.roa', obj(1)),
    ]);
    const r = await load(tar, 'links.tar');
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa']);
    expect(r.codes).toEqual(['snapshot.entry.link', 'snapshot.entry.link']);
    expect(r.findings.map((f) => f.params.type)).toEqual(['symbolic link', 'hard link']);
  });

  it('does not follow a symbolic link in a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rpki-lens-links-'));
    try {
      await mkdir(join(dir, 'h.example/m'), { recursive: true });
      await writeFile(join(dir, 'h.example/m/a.roa'), obj(1));
      await symlink('/etc/passwd', join(dir, 'h.example/m/s.roa'));
      const r = await load(await listFiles(dir), 'dir');
      expect(r.uris).toEqual(['rsync://h.example/m/a.roa']);
      expect(r.findings.map((f) => [f.code, f.params.entry, f.params.target])).toEqual([['snapshot.entry.link', 'h.example/m/s.roa', '/etc/passwd']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('skips objects over the size limit without reading them', async () => {
    const tar = await packTar([file('h.example/m/big.crl', obj(1, 5000)), file('h.example/m/small.crl', obj(2, 100))]);
    const r = await load(tar, 'big.tar', { maxObjectSize: 1000 });
    expect(r.uris).toEqual(['rsync://h.example/m/small.crl']);
    expect(findingFor(r.findings, 'snapshot.entry.too-large')!.params).toMatchObject({ entry: 'big.tar: h.example/m/big.crl', size: 5000, limit: 1000 });
  });

  it('keeps the first of two different copies of a URI; identical copies pass silently', async () => {
    const tar = await packTar([
      file('h.example/m/a.roa', obj(1)),
      file('h.example/m/a.roa', obj(2)),
      file('h.example/m/b.roa', obj(3)),
      file('h.example/m/b.roa', obj(3)),
    ]);
    const r = await load(tar, 'dup.tar');
    expect(r.codes).toEqual(['snapshot.entry.duplicate']);
    expect(r.source.get('rsync://h.example/m/a.roa')).toEqual(obj(1));
  });

  it('reports files that are not RPKI objects', async () => {
    const tar = await packTar([
      file('h.example/m/readme.txt', enc.encode('hello')),
      file('h.example/m/base64.gbr', enc.encode('MIIB…')),
      file('notes', enc.encode('just text')),
      file('h.example/m/a.roa', obj(1)),
    ]);
    const r = await load(tar, 'misc.tar');
    expect(r.codes).toEqual(['snapshot.entry.not-rpki', 'snapshot.entry.not-der', 'snapshot.entry.not-rpki']);
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa', 'rsync://h.example/m/base64.gbr']);
  });

  it('names unsupported and unknown formats', async () => {
    expect((await load(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'x.zip')).codes).toEqual(['snapshot.format.unsupported', 'snapshot.empty']);
    expect((await load(enc.encode('%PDF-1.7 not a snapshot'), 'x.pdf')).codes).toEqual(['snapshot.format.unknown', 'snapshot.empty']);
  });

  it('reports a file of a folder that fails to read, and keeps the others (RFC 6481 §2)', async () => {
    const ok = obj(1);
    const r = await load(
      [
        { path: 'h.example/m/a.roa', size: ok.length, read: async () => ok },
        { path: 'h.example/m/gone.roa', size: 40, read: () => Promise.reject(new Error('EIO: i/o error, read')) },
      ],
      'dir',
    );
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa']);
    expect(r.findings.map((f) => [f.code, f.severity, f.stage, f.params.entry, f.params.reason])).toEqual([
      ['snapshot.entry.read-failed', 'error', 'load', 'h.example/m/gone.roa', 'EIO: i/o error, read'],
    ]);
  });

  it('stops early without hanging when the consumer does', async () => {
    const reader = readSnapshot(fixture('forge/medium/snapshot.tar.gz'), 'medium.tar.gz', () => {});
    let n = 0;
    for await (const _ of reader) if (++n === 3) break;
    expect(n).toBe(3);
  });
});

describe('XML', () => {
  const snapshot = (body: string, head = '') =>
    enc.encode(`${head}<snapshot xmlns="http://www.ripe.net/rpki/rrdp" version="1" session_id="9b3f7e31-4979-4f8c-9818-73e4dadc3e6b" serial="1">${body}</snapshot>`);
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  const publish = (uri: string, content: string) => `<publish uri="${uri}">${content}</publish>`;

  it('refuses a DOCTYPE, with or without entities', async () => {
    const doc = snapshot(publish('rsync://h.example/m/a.roa', '&x;'), '<?xml version="1.0"?>\n<!DOCTYPE snapshot [ <!ENTITY x "MA=="> ]>\n');
    const r = await load(doc, 'dtd.xml');
    expect(r.codes).toEqual(['snapshot.xml.doctype', 'snapshot.empty']);
    expect(r.findings[0].params.line).toBe(2);
  });

  it('refuses an undefined entity in an attribute; an entity in content is not base64', async () => {
    expect((await load(snapshot(publish('rsync://h.example/m/&x;.roa', b64(obj(1)))), 'a.xml')).codes[0]).toBe('snapshot.xml.malformed');
    const r = await load(snapshot(publish('rsync://h.example/m/a.roa', '&x;') + publish('rsync://h.example/m/b.roa', b64(obj(2)))), 'c.xml');
    expect(r.codes).toEqual(['snapshot.rrdp.base64']);
    expect(r.uris).toEqual(['rsync://h.example/m/b.roa']);
  });

  it('refuses XML that is not RRDP, and RRDP in another namespace', async () => {
    expect((await load(enc.encode('<html><body>hi</body></html>'), 'page.xml')).codes[0]).toBe('snapshot.rrdp.not-rrdp');
    const other = enc.encode('<snapshot xmlns="urn:x" version="1" session_id="9b3f7e31-4979-4f8c-9818-73e4dadc3e6b" serial="1"/>');
    expect((await load(other, 'ns.xml')).codes[0]).toBe('snapshot.rrdp.namespace');
  });

  it('checks version, session and serial', async () => {
    const root = (attrs: string) => enc.encode(`<snapshot xmlns="http://www.ripe.net/rpki/rrdp" ${attrs}/>`);
    expect((await load(root('version="2" session_id="9b3f7e31-4979-4f8c-9818-73e4dadc3e6b" serial="1"'))).codes[0]).toBe('snapshot.rrdp.version');
    expect((await load(root('version="1" session_id="nope" serial="1"'))).codes[0]).toBe('snapshot.rrdp.session-id');
    expect((await load(root('version="1" session_id="9b3f7e31-4979-4f8c-9818-73e4dadc3e6b" serial="-3"'))).codes[0]).toBe('snapshot.rrdp.serial');
  });

  it('skips a publish with a bad URI or bad base64 and keeps the others', async () => {
    const r = await load(
      snapshot(publish('rsync://h.example/m/../x.roa', b64(obj(1))) + publish('rsync://h.example/m/y.roa', 'M!!') + publish('rsync://h.example/m/z.roa', b64(obj(3)))),
      's.xml',
    );
    expect(r.codes).toEqual(['snapshot.rrdp.uri.invalid', 'snapshot.rrdp.base64']);
    expect(r.uris).toEqual(['rsync://h.example/m/z.roa']);
  });

  it('skips a publish over the size limit, decoding without keeping it', async () => {
    const r = await load(snapshot(publish('rsync://h.example/m/big.roa', b64(obj(1, 3000))) + publish('rsync://h.example/m/ok.roa', b64(obj(2)))), 's.xml', { maxObjectSize: 1000 });
    expect(r.codes).toEqual(['snapshot.entry.too-large']);
    expect(r.uris).toEqual(['rsync://h.example/m/ok.roa']);
  });

  it('stops at absurdly long markup and at text outside publish elements', async () => {
    const long = snapshot(`<publish uri="rsync://h.example/m/${'a'.repeat(2 << 20)}.roa">MA==</publish>`);
    expect((await load(long, 'long.xml')).codes[0]).toBe('snapshot.xml.limit');
    expect((await load(snapshot(`stray${publish('rsync://h.example/m/a.roa', b64(obj(1)))}`), 't.xml')).codes).toEqual(['snapshot.rrdp.text.unexpected']);
  });

  it('refuses bytes that are not UTF-8, and other declared encodings', async () => {
    const bad = snapshot('');
    const latin = new Uint8Array([...bad.subarray(0, 10), 0xff, 0xfe, ...bad.subarray(10)]);
    expect((await load(latin, 'l.xml')).codes[0]).toBe('snapshot.xml.encoding');
    expect((await load(snapshot('', '<?xml version="1.0" encoding="ISO-8859-1"?>'), 'e.xml')).codes[0]).toBe('snapshot.xml.encoding');
  });

  it('reads gzipped XML and reports a truncated one', async () => {
    const doc = snapshot(publish('rsync://h.example/m/a.roa', b64(obj(1))));
    expect((await load(gzipSync(doc), 's.xml.gz')).uris).toEqual(['rsync://h.example/m/a.roa']);
    const gz = gzipSync(doc);
    expect((await load(gz.subarray(0, gz.length - 12), 's.xml.gz')).codes).toContain('snapshot.gzip.truncated');
  });
});

describe('RRDP structure and delta chains', () => {
  const NS = 'http://www.ripe.net/rpki/rrdp';
  const S = '9b3f7e31-4979-4f8c-9818-73e4dadc3e6b';
  const T = '7e7d2563-5bbb-40b0-8723-6a2e90c85d9e';
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  const root = (el: string, serial: number, body: string, session = S) => enc.encode(`<${el} xmlns="${NS}" version="1" session_id="${session}" serial="${serial}">${body}</${el}>`);
  const folder = (files: Record<string, Uint8Array>) =>
    Object.entries(files).map(([path, bytes]) => ({ path, size: bytes.length, read: async () => bytes, stream: () => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream() }));

  it('reports missing, unexpected and malformed attributes, skipping the element', async () => {
    const r = await load(
      root('snapshot', 1, `<publish>${b64(obj(1))}</publish><publish uri="rsync://h.example/m/a.roa" colour="red">${b64(obj(2))}</publish><publish uri="rsync://h.example/m/b.roa">${b64(obj(3))}</publish>`),
      's.xml',
    );
    expect(r.codes).toEqual(['snapshot.rrdp.attribute.missing', 'snapshot.rrdp.attribute.unexpected']);
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa', 'rsync://h.example/m/b.roa']);
    const d = await load(root('delta', 2, `<publish uri="rsync://h.example/m/a.roa" hash="xyz">${b64(obj(1))}</publish><withdraw uri="rsync://h.example/m/b.roa" hash="${'a'.repeat(64)}">MA==</withdraw>`), 'd.xml');
    expect(d.codes).toEqual(['snapshot.rrdp.hash.invalid', 'snapshot.rrdp.withdraw.content', 'snapshot.rrdp.delta.alone', 'snapshot.empty']);
  });

  it('skips elements RFC 8182 §3.5.4 does not allow where they stand, and keeps the others', async () => {
    const hash = 'a'.repeat(64);
    const r = await load(
      root(
        'snapshot',
        1,
        `<withdraw uri="rsync://h.example/m/a.roa" hash="${hash}"/>` +
          `<publish uri="rsync://h.example/m/b.roa">${b64(obj(2))}<publish uri="rsync://h.example/m/c.roa">MA==</publish></publish>` +
          `<publish uri="rsync://h.example/m/d.roa">${b64(obj(4))}</publish>`,
      ),
      's.xml',
    );
    expect(r.findings.map((f) => [f.code, f.severity, f.stage, f.params.element, f.params.parent])).toEqual([
      ['snapshot.rrdp.element.unexpected', 'error', 'load', 'withdraw', 'snapshot'],
      ['snapshot.rrdp.element.unexpected', 'error', 'load', 'publish', 'snapshot/publish'],
    ]);
    // Neither the withdraw nor the publish holding another is used.
    expect(r.uris).toEqual(['rsync://h.example/m/d.roa']);
  });

  it('checks the notification: one snapshot, one delta per serial', async () => {
    const ref = (s: number) => `<delta serial="${s}" uri="https://h.example/${s}.xml" hash="${'b'.repeat(64)}"/>`;
    const snap = `<snapshot uri="https://h.example/s.xml" hash="${'a'.repeat(64)}"/>`;
    const r = await load(root('notification', 3, snap + snap + ref(3) + ref(3) + ref(2)), 'n.xml');
    expect(r.codes).toEqual(['snapshot.rrdp.snapshot.count', 'snapshot.rrdp.notification.delta-duplicate', 'snapshot.rrdp.notification.only', 'snapshot.empty']);
  });

  it('stops a chain at a missing delta, and at changes that do not fit the state', async () => {
    const snapshot = root('snapshot', 1, `<publish uri="rsync://h.example/m/a.roa">${b64(obj(1))}</publish>`);
    // No notification: the newest snapshot, then the deltas of its session, as far as they go.
    const gap = await load(folder({ 's.xml': snapshot, 'd3.xml': root('delta', 3, `<publish uri="rsync://h.example/m/c.roa">${b64(obj(3))}</publish>`) }), 'rrdp');
    expect(gap.codes).toEqual(['snapshot.rrdp.notification.none', 'snapshot.rrdp.delta.gap', 'snapshot.rrdp.file.ignored']);
    expect(gap.uris).toEqual(['rsync://h.example/m/a.roa']);
    const exists = await load(folder({ 's.xml': snapshot, 'd2.xml': root('delta', 2, `<publish uri="rsync://h.example/m/a.roa">${b64(obj(9))}</publish>`) }), 'rrdp');
    expect(exists.codes).toEqual(['snapshot.rrdp.notification.none', 'snapshot.rrdp.delta.object-exists']);
    expect(exists.source.get('rsync://h.example/m/a.roa')).toEqual(obj(1));
    const missing = await load(folder({ 's.xml': snapshot, 'd2.xml': root('delta', 2, `<withdraw uri="rsync://h.example/m/z.roa" hash="${'c'.repeat(64)}"/>`) }), 'rrdp');
    expect(missing.codes).toEqual(['snapshot.rrdp.notification.none', 'snapshot.rrdp.delta.object-missing']);
  });

  it('tells deltas of another serial or session by the hash the notification lists', async () => {
    const { sha256Hex: hash } = await import('./rrdp.ts');
    const snapshot = root('snapshot', 1, `<publish uri="rsync://h.example/m/a.roa">${b64(obj(1))}</publish>`);
    const d2 = root('delta', 2, `<publish uri="rsync://h.example/m/b.roa">${b64(obj(2))}</publish>`);
    const claims3 = root('delta', 3, `<publish uri="rsync://h.example/m/c.roa">${b64(obj(3))}</publish>`);
    const foreign = root('delta', 4, `<publish uri="rsync://h.example/m/d.roa">${b64(obj(4))}</publish>`, T);
    const refs = `<delta serial="2" uri="https://h.example/2.xml" hash="${hash(claims3)}"/><delta serial="3" uri="https://h.example/3.xml" hash="${hash(d2)}"/><delta serial="4" uri="https://h.example/4.xml" hash="${hash(foreign)}"/>`;
    const n = root('notification', 4, `<snapshot uri="https://h.example/s.xml" hash="${hash(snapshot)}"/>${refs}`);
    const r = await load(folder({ 'n.xml': n, 's.xml': snapshot, 'd2.xml': d2, 'd3.xml': claims3, 'd4.xml': foreign }), 'rrdp');
    expect(r.codes).toEqual([
      'snapshot.rrdp.snapshot.serial-mismatch',
      'snapshot.rrdp.snapshot.missing',
      'snapshot.rrdp.delta.serial-mismatch',
      'snapshot.rrdp.delta.serial-mismatch',
      'snapshot.rrdp.delta.session-mismatch',
      'snapshot.empty',
    ]);
  });
});

describe('archive edge cases', () => {
  it('skips FIFOs and devices, reports a bad TAL and bad recorded output, and keeps the rest', async () => {
    const tar = await packTar([
      { header: { name: 'h.example/m/pipe.roa', size: 0, type: 'fifo' } },
      file('tals/broken.tal', enc.encode('rsync://h.example/ta.cer\n\nnot base64 at all!\n')),
      file('rpki-20260101T000000Z/output/rpki-client.json', enc.encode('{"roas": 5}')),
      file('h.example/m/a.roa', obj(1)),
    ]);
    const r = await load(tar, 'misc.tar');
    expect(r.codes).toEqual(['snapshot.entry.special', 'snapshot.tal.rejected', 'snapshot.recorded.invalid']);
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa']);
    expect(r.findings[1].params.reason).toMatch(/^tal\.key\.base64: /);
  });

  it('reads names as UTF-8, refuses one that is not, and takes a checksum summed over signed bytes', async () => {
    const tar = await packTar([file('h.example/m/é.roa', obj(1)), file('h.example/m/x.roa', obj(2)), file('h.example/m/s.roa', obj(3))]);
    /** A header's checksum written again, over unsigned bytes or as historic tars summed them (signed). */
    const reseal = (h: Uint8Array, signed: boolean) => {
      h.fill(0x20, 148, 156);
      const sum = h.reduce((a, b) => a + (signed && b > 127 ? b - 256 : b), 0);
      h.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    };
    // Each member is a header and one block of body.
    const second = tar.subarray(1024, 1536);
    second[12] = 0xff; // "x" becomes a byte that is not UTF-8
    reseal(second, false);
    const third = tar.subarray(2048, 2560);
    third[265] = 0xe9; // a Latin-1 user name
    reseal(third, true);
    const r = await load(tar, 'names.tar');
    expect(r.uris).toEqual(['rsync://h.example/m/s.roa', 'rsync://h.example/m/é.roa']);
    expect(r.findings.map((f) => [f.code, f.params.reason])).toEqual([['snapshot.entry.path-unsafe', 'the name is not valid UTF-8']]);
  });

  it('reports a structure the tar decoder gives up on, keeping the members before it', async () => {
    const good = await packTar([file('h.example/m/a.roa', obj(1))]);
    // A pax extended header announcing 9 MB of metadata, more than any reader should buffer.
    const pax = new Uint8Array(512);
    pax.set(enc.encode('PaxHeader/x'), 0);
    pax.set(enc.encode('0000644\0'), 100);
    pax.set(enc.encode(`${(9_000_000).toString(8).padStart(11, '0')}\0`), 124);
    pax[156] = 'x'.charCodeAt(0);
    pax.set(enc.encode('ustar\x0000'), 257);
    pax.fill(0x20, 148, 156);
    const sum = pax.reduce((a, b) => a + b, 0);
    pax.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    const tar = new Uint8Array([...good.subarray(0, 1024), ...pax, ...new Uint8Array(4096)]);
    const r = await load(tar, 'pax.tar');
    expect(r.uris).toEqual(['rsync://h.example/m/a.roa']);
    expect(findingFor(r.findings, 'snapshot.tar.corrupt')!.params).toMatchObject({ entry: 'pax.tar', after: 'h.example/m/a.roa' });
  });
});
