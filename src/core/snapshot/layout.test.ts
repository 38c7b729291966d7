/** Layouts by path, loose objects placed by their own URIs, and browser file lists. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../cli/snapshot-input.ts';
import { FIXTURES, fixture } from '../../testing/fixtures.ts';
import { filesFromFileList, loadSnapshot } from './index.ts';
import { classifyPath } from './layout.ts';
import { streamOf } from './streams.ts';

describe('classifyPath', () => {
  it.each([
    ['./rpki.example.net/repo/ta/ta.cer', { kind: 'object', uri: 'rsync://rpki.example.net/repo/ta/ta.cer', layout: 'rsync', staging: false }],
    ['rpki.ripe.net/repository/DEFAULT/a.roa', { kind: 'object', uri: 'rsync://rpki.ripe.net/repository/DEFAULT/a.roa', layout: 'rsync', staging: false }],
    ['.rsync/rpki.ripe.net/repository/a.roa', { kind: 'object', uri: 'rsync://rpki.ripe.net/repository/a.roa', layout: 'rpki-client-cache', staging: true }],
    ['.rrdp/8f1e2d/rrdp.example.org/mod/a.mft', { kind: 'object', uri: 'rsync://rrdp.example.org/mod/a.mft', layout: 'rpki-client-cache', staging: true }],
    ['ta/ripe/ripe-ncc-ta.cer', { kind: 'ta-cert', tal: 'ripe' }],
    ['rpki-20240101T000000Z/data/ta/apnic/apnic.cer', { kind: 'ta-cert', tal: 'apnic' }],
    ['ta/rsync/rpki.ripe.net/ta/8f1e.cer', { kind: 'ta-cert', tal: undefined }],
    ['rpki-20240101T000000Z/data/rpki.ripe.net/repo/a.roa', { kind: 'object', uri: 'rsync://rpki.ripe.net/repo/a.roa', layout: 'rpkiviews', staging: false }],
    ['rpki-20240101T000000Z/output/rpki-client.json', { kind: 'recorded' }],
    ['rrdp/rrdp.ripe.net/rsync/rpki.ripe.net/repository/a.roa', { kind: 'object', uri: 'rsync://rpki.ripe.net/repository/a.roa', layout: 'routinator-dump', staging: false }],
    ['store/rrdp.ripe.net/rsync/rpki.ripe.net/repository/a.roa', { kind: 'object', uri: 'rsync://rpki.ripe.net/repository/a.roa', layout: 'routinator-dump', staging: false }],
    ['rsync/rpki.example.net/repo/a.roa', { kind: 'object', uri: 'rsync://rpki.example.net/repo/a.roa', layout: 'routinator-dump', staging: false }],
    ['tals/ripe.tal', { kind: 'tal', name: 'ripe' }],
    ['roa/AS3130.roa', { kind: 'loose' }],
    ['rrdp/notification.xml', { kind: 'rrdp' }],
    ['rpki.example.net/repo/index.html', { kind: 'other', reason: '".html" is not an RPKI object type' }],
    ['a/../../b.roa', { kind: 'unsafe', reason: 'the path climbs out of its folder with ".."' }],
    ['/etc/x.cer', { kind: 'unsafe', reason: 'the path is absolute' }],
    ['C:/x.cer', { kind: 'unsafe', reason: 'the path is absolute' }],
    ['h.example/m/\uFFFD.roa', { kind: 'unsafe', reason: 'the name is not valid UTF-8' }],
  ])('%s', (path, want) => {
    expect(classifyPath(path)).toEqual(want);
  });
});

describe('loose objects', () => {
  it('places signed objects by their SIA and the manifest\'s listed files beside it', async () => {
    const r = await loadSnapshot(await listFiles(join(FIXTURES, 'real/ripe-ncc-rpki-monitoring/rsync_data')), 'rsync_data');
    expect([...r.source.objects.keys()].sort()).toEqual([
      'file:repository/corrupted_5GzpWH5N-vMm_nh7A93VwzaW4zk.gbr',
      'file:repository/kCUe1-CBpcZEgByqG60MMRgUmv0.crl',
      'file:ta/YIyyikWvgf2dDgKFvSnVORZbWpo.cer',
      'rsync://chloe.sobornost.net/rpki/RIPE-nljobsnijders/5GzpWH5N-vMm_nh7A93VwzaW4zk.gbr',
      'rsync://rpki.ripe.net/repository/DEFAULT/21/765e79-d0a3-472c-b5df-6d324c51362d/1/Q8uCW6eAw7tnl2QxNmQTf50fxAg.mft',
      'rsync://rpki.ripe.net/repository/DEFAULT/99/13fb65-4ee7-4026-aa3a-9d56e3adca90/1/IGUhqMPsmuguPLDT3XZl_hGfvS0.roa',
    ]);
    // The base64 copy of a GBR: named like an object, not DER.
    expect(r.findings.map((f) => [f.code, f.params.entry])).toEqual([['snapshot.entry.not-der', 'repository/corrupted_5GzpWH5N-vMm_nh7A93VwzaW4zk.gbr']]);
  });

  it('reads a single object file, and a TAL', async () => {
    const roa = await loadSnapshot(fixture('real/nlnetlabs-rpki-rs/repository/example-ripe.roa'), 'example-ripe.roa');
    expect(roa.stats.layouts).toEqual(['object']);
    expect([...roa.source.objects.keys()]).toEqual([expect.stringMatching(/^rsync:\/\/.+\.roa$/)]);
    const tal = await loadSnapshot(fixture('real/tals-routinator/ripe-pilot.tal'), 'ripe-pilot.tal');
    expect(tal.tals.map((t) => [t.name, t.uris])).toEqual([['ripe-pilot', ['https://localcert.ripe.net/ta/ripe-ncc-pilot.cer', 'rsync://localcert.ripe.net/ta/ripe-ncc-pilot.cer']]]);
  });
});

describe('filesFromFileList', () => {
  it('strips the dropped folder\'s name and reads through the Blob methods', async () => {
    const bytes = fixture('forge/small/repo/rpki.example.net/repo/ta/ta.crl');
    const file = (rel: string) => ({
      name: rel.slice(rel.lastIndexOf('/') + 1),
      size: bytes.length,
      webkitRelativePath: rel,
      arrayBuffer: async () => bytes.slice().buffer,
      stream: () => streamOf(bytes),
    });
    const files = filesFromFileList([file('repo/rpki.example.net/repo/ta/ta.crl'), file('repo/rpki.example.net/repo/ta/copy.crl')]);
    expect(files.map((f) => f.path)).toEqual(['rpki.example.net/repo/ta/ta.crl', 'rpki.example.net/repo/ta/copy.crl']);
    const r = await loadSnapshot(files, 'repo');
    expect([...r.source.objects.keys()].sort()).toEqual(['rsync://rpki.example.net/repo/ta/copy.crl', 'rsync://rpki.example.net/repo/ta/ta.crl']);
    // A FileList-like of File objects is taken as it is.
    const direct = await loadSnapshot([file('repo/rpki.example.net/repo/ta/ta.crl'), file('repo/rpki.example.net/repo/ta/copy.crl')], 'repo');
    expect([...direct.source.objects.keys()].sort()).toEqual([...r.source.objects.keys()].sort());
  });

  it('takes paths given beside the files (a dropped folder\'s Files have no webkitRelativePath)', () => {
    const file = (name: string) => ({ name, size: 0, webkitRelativePath: '', arrayBuffer: async () => new ArrayBuffer(0), stream: () => streamOf(new Uint8Array()) });
    const paths = ['repo/rpki.example.net/repo/ta/ta.crl', 'repo/rpki.example.net/repo/ta/ta.cer'];
    expect(filesFromFileList([file('ta.crl'), file('ta.cer')], paths).map((f) => f.path)).toEqual(['rpki.example.net/repo/ta/ta.crl', 'rpki.example.net/repo/ta/ta.cer']);
    // Without them only the names are left.
    expect(filesFromFileList([file('ta.crl'), file('ta.cer')]).map((f) => f.path)).toEqual(['ta.crl', 'ta.cer']);
  });
});
