import { describe, expect, it } from 'vitest';
import { hashOf, placeOf, snapshotHash } from './route.svelte.ts';

describe('hash routes', () => {
  it('round-trips every snapshot view, with URIs that hold slashes, colons and #', () => {
    const uri = 'rsync://rpki.example.net/repo/a b/#odd.roa';
    expect(placeOf(snapshotHash('id-1'))).toMatchObject({ view: 'overview', id: 'id-1' });
    expect(placeOf(snapshotHash('id-1', 'object', uri))).toMatchObject({ view: 'object', id: 'id-1', arg: uri });
    expect(placeOf(snapshotHash('id-1', 'code', 'mft.stale'))).toMatchObject({ view: 'code', arg: 'mft.stale' });
    const rov = placeOf(snapshotHash('id-1', 'rov', undefined, { prefix: '2001:db8::/32', asn: 'AS64496' }));
    expect(rov?.view).toBe('rov');
    expect(rov && 'params' in rov ? [rov.params.get('prefix'), rov.params.get('asn')] : []).toEqual(['2001:db8::/32', 'AS64496']);
    expect(snapshotHash('id-1', 'tree', undefined, { q: '' })).toBe('#/s/id-1/tree');
  });

  it('reads the start, the plain views and #/open links; refuses the rest', () => {
    expect(placeOf('')).toEqual({ view: 'home' });
    expect(placeOf('#/')).toEqual({ view: 'home' });
    expect(placeOf('#/library')).toEqual({ view: 'library' });
    const inspect = placeOf(hashOf('inspect', { snapshot: 'id 1' }));
    expect(inspect?.view === 'inspect' && inspect.params.get('snapshot')).toBe('id 1');
    expect(hashOf('inspect')).toBe('#/inspect');
    const open = placeOf('#/open?snapshot=https%3A%2F%2Fx.example%2Fs.tgz&tal=a&tal=b&at=2026-01-02T00%3A00%3A00Z');
    expect(open?.view).toBe('open');
    if (open?.view === 'open') {
      expect(open.params.get('snapshot')).toBe('https://x.example/s.tgz');
      expect(open.params.getAll('tal')).toEqual(['a', 'b']);
    }
    expect(placeOf('#/nowhere')).toBeNull();
    expect(placeOf('#/s/id-1/object')).toBeNull();
    expect(placeOf('#/s/id-1/tree/extra')).toBeNull();
    expect(placeOf('#/s/id-1/bogus')).toBeNull();
    expect(placeOf('#/s/%E0%A4%A/object/x')).toBeNull();
  });
});
