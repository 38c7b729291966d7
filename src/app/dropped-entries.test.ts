import { describe, expect, it } from 'vitest';
import { MAX_DROPPED_DEPTH, walkEntries, type DirectoryEntryLike, type EntryLike, type FileEntryLike } from './dropped-entries.ts';

const file = (name: string, text = name): FileEntryLike => ({
  name,
  isFile: true,
  isDirectory: false,
  file: (ok) => queueMicrotask(() => ok(new File([text], name))),
});

/** A folder whose reader hands out its children `batch` at a time (Chromium: 100), then an empty batch; `calls` counts reads. */
function dir(name: string, kids: EntryLike[], batch = 100, failAt?: number): DirectoryEntryLike & { calls: number } {
  const d = {
    name,
    isFile: false,
    isDirectory: true,
    calls: 0,
    createReader: () => {
      let at = 0;
      return {
        readEntries(ok: (e: EntryLike[]) => void, fail: (e: DOMException) => void) {
          d.calls++;
          if (failAt !== undefined && at >= failAt) return void setTimeout(() => fail(new DOMException('The file could not be read.', 'NotReadableError')));
          const next = kids.slice(at, at + batch);
          at += next.length;
          setTimeout(() => ok(next));
        },
      };
    },
  };
  return d;
}

describe('walkEntries', () => {
  it('walks nested folders into files with paths that start with the dropped folder', async () => {
    const tree = dir('small', [file('ta.tal', 'tal'), dir('repo', [dir('host', [dir('module', [file('a.cer', 'cer'), file('b.roa')])])]), dir('empty', [])]);
    const got = await walkEntries([tree]);
    expect(got.paths).toEqual(['small/ta.tal', 'small/repo/host/module/a.cer', 'small/repo/host/module/b.roa']);
    expect(got.files.map((f) => f.name)).toEqual(['ta.tal', 'a.cer', 'b.roa']);
    expect(await got.files[1].text()).toBe('cer');
  });

  it('keeps reading a folder until its reader gives an empty batch', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `o${String(i).padStart(3, '0')}.roa`);
    const big = dir('big', names.map((n) => file(n)));
    const got = await walkEntries([big]);
    expect(got.paths).toEqual(names.map((n) => `big/${n}`));
    // 100 + 100 + 50, then the empty batch that ends it.
    expect(big.calls).toBe(4);
  });

  it('takes dropped files beside a folder by their names', async () => {
    const got = await walkEntries([file('x.tal'), dir('d', [file('y.cer')])]);
    expect(got.paths).toEqual(['x.tal', 'd/y.cer']);
  });

  it('turns a failing readEntries into an error naming the folder', async () => {
    const broken = dir('sub', [file('a'), file('b'), file('c')], 2, 2);
    await expect(walkEntries([dir('top', [broken])])).rejects.toThrow('The folder top/sub could not be read: NotReadableError: The file could not be read.');
  });

  it('turns a failing file() into an error naming the file', async () => {
    const bad: FileEntryLike = { name: 'gone.roa', isFile: true, isDirectory: false, file: (_ok, fail) => fail(new DOMException('Gone.', 'NotFoundError')) };
    await expect(walkEntries([dir('top', [bad])])).rejects.toThrow('The file top/gone.roa could not be read: NotFoundError: Gone.');
  });

  it('refuses a drop with more entries than the limit, before reading past it', async () => {
    const many = dir('many', Array.from({ length: 500 }, (_, i) => file(`f${i}`)));
    await expect(walkEntries([many], 300)).rejects.toThrow('The drop holds more than 300 files and folders');
    // The roots and three batches of 100 pass 300; the remaining batches are never asked for.
    expect(many.calls).toBe(3);
    await expect(walkEntries([many], 501)).resolves.toMatchObject({ paths: expect.arrayContaining(['many/f499']) });
  });

  it('refuses folders nested deeper than the limit (a symlink loop)', async () => {
    // A folder whose only child is itself again, as a followed symlink to "." looks.
    const loop: DirectoryEntryLike = { name: 'loop', isFile: false, isDirectory: true, createReader: () => dir('loop', [loop]).createReader() };
    await expect(walkEntries([loop])).rejects.toThrow(`nested more than ${MAX_DROPPED_DEPTH} folders deep`);
  });
});
