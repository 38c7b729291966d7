import { describe, expect, it } from 'vitest';
import { Arrivals } from './arrivals.ts';

/** Arrivals over a set of URIs, with a helper that stores one and tells. */
function arrivals() {
  const stored = new Set<string>();
  const a = new Arrivals((uri) => stored.has(uri));
  const put = (uri: string) => {
    stored.add(uri);
    a.arrived(uri);
  };
  return { a, put };
}

const settled = async (p: Promise<void> | undefined) => {
  if (!p) return 'now';
  let done = false;
  void p.then(() => (done = true), () => {});
  await new Promise((r) => setTimeout(r));
  return done ? 'resolved' : 'waiting';
};

describe('Arrivals', () => {
  it('a directory looks complete once its manifest came and the reader went on to another directory', async () => {
    const { a, put } = arrivals();
    const dir = 'rsync://x/ca/';
    const mft = `${dir}ca.mft`;
    const waiting = a.directory(dir, mft);
    put(`${dir}a.roa`);
    put(mft);
    put(`${dir}b.roa`);
    expect(await settled(waiting)).toBe('waiting'); // the reader is still in ca/
    put('rsync://x/ca/sub/c.roa');
    expect(await settled(waiting)).toBe('resolved');
    expect(a.directory(dir, mft)).toBeUndefined();
    // Without a manifest, or before it came, only the end of reading tells.
    const none = a.directory('rsync://x/other/');
    const early = a.directory('rsync://x/late/', 'rsync://x/late/late.mft');
    put('rsync://x/late/a.roa');
    put('rsync://x/else/b.roa');
    expect(await settled(none)).toBe('waiting');
    expect(await settled(early)).toBe('waiting');
    expect(a.complete).toBe(false);
    a.end();
    expect(a.complete).toBe(true);
    expect(await settled(none)).toBe('resolved');
    expect(await settled(early)).toBe('resolved');
    expect(a.directory('rsync://x/never/', 'rsync://x/never/n.mft')).toBeUndefined();
  });

  it('an object is waited for until it arrives or reading ends', async () => {
    const { a, put } = arrivals();
    const one = a.object('rsync://x/ta/ta.cer');
    const other = a.object('rsync://x/ta/gone.cer');
    put('rsync://x/ta/ta.cer');
    expect(await settled(one)).toBe('resolved');
    expect(await settled(other)).toBe('waiting');
    expect(a.object('rsync://x/ta/ta.cer')).toBeUndefined();
    const all = a.all();
    a.end();
    expect(await settled(other)).toBe('resolved');
    await expect(all).resolves.toBeUndefined();
  });

  it('a failure fails every waiter and what waits later', async () => {
    const { a } = arrivals();
    const dir = a.directory('rsync://x/ca/', 'rsync://x/ca/ca.mft');
    const object = a.object('rsync://x/ca/a.roa');
    a.fail(new Error('the disk is full'));
    await expect(dir).rejects.toThrow('the disk is full');
    await expect(object).rejects.toThrow('the disk is full');
    await expect(a.object('rsync://x/ca/b.roa')).rejects.toThrow('the disk is full');
    await expect(a.all()).rejects.toThrow('the disk is full');
    a.end(); // too late: still failed
    expect(a.complete).toBe(false);
  });
});
