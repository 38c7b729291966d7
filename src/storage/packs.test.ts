import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PackWriter } from './packs.ts';
import { openStore } from './store.ts';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

/** A writer over packs of `size` bytes kept in a Map, with every write and read back recorded. */
function memoryWriter(size: number, failAt?: number, holdBytes?: number) {
  const stored = new Map<number, Uint8Array>();
  const writes: [number, number, number][] = [];
  const readBacks: number[] = [];
  const writer = new PackWriter(
    async (pack, b, objects) => {
      if (pack === failAt) throw new Error(`the disk is full at pack ${pack}`);
      writes.push([pack, b.byteLength, objects]);
      stored.set(pack, b.slice());
    },
    async (pack) => {
      readBacks.push(pack);
      return stored.get(pack)!;
    },
    size,
    holdBytes,
  );
  return { writer, writes, readBacks };
}

describe('PackWriter', () => {
  it('copies objects into packs of at most the pack size, one larger object alone, and writes each once', async () => {
    const { writer, writes } = memoryWriter(10);
    const source = bytes(4, 1);
    writer.set('rsync://x/d/a.roa', source);
    writer.set('rsync://x/d/b.roa', bytes(4, 2));
    writer.set('rsync://x/d/c.crl', bytes(25, 3));
    writer.set('rsync://x/e/d.mft', bytes(3, 4));
    source.fill(9); // copied on the way in: the reader may reuse its buffer
    expect([...(await writer.done())]).toEqual([
      ['rsync://x/d/a.roa', [0, 0, 4]],
      ['rsync://x/d/b.roa', [0, 4, 8]],
      ['rsync://x/d/c.crl', [1, 0, 25]],
      ['rsync://x/e/d.mft', [2, 0, 3]],
    ]);
    expect(writes).toEqual([[0, 8, 2], [1, 25, 1], [2, 3, 1]]);
    expect([...(writer.get('rsync://x/d/a.roa') as Uint8Array)]).toEqual([1, 1, 1, 1]);
    expect(writer.get('rsync://x/none')).toBeUndefined();
    expect(writer.size).toBe(4);
    expect(writer.has('rsync://x/e/d.mft')).toBe(true);
    expect(() => writer.set('rsync://x/late.roa', bytes(1, 0))).toThrow(/complete/);
  });

  it('hands a directory out in the order its files came, and keeps the first object at a URI, as the reader does', async () => {
    const { writer } = memoryWriter(100);
    writer.set('rsync://x/d/b.roa', bytes(2, 1));
    writer.set('rsync://x/d/a.roa', bytes(2, 2));
    writer.set('rsync://x/d/sub/c.roa', bytes(2, 3));
    writer.set('rsync://x/d/b.roa', bytes(3, 4));
    await writer.done();
    const files = (await writer.directory('rsync://x/d/')).map(([name, b]) => [name, [...b]]);
    expect(files).toEqual([['b.roa', [1, 1]], ['a.roa', [2, 2]]]);
    expect(writer.size).toBe(3);
    expect(await writer.directory('rsync://x/none/')).toEqual([]);
  });

  it('while loading: hands out what a directory holds so far, waits for an object, and lets a pack go once written', async () => {
    const { writer, writes, readBacks } = memoryWriter(6);
    writer.set('rsync://x/d/d.mft', bytes(3, 1));
    writer.set('rsync://x/d/a.roa', bytes(2, 2));
    // Pack 0 is still being filled: its files are handed out from it.
    expect((writer.directory('rsync://x/d/') as [string, Uint8Array][]).map(([n, b]) => [n, [...b]])).toEqual([['d.mft', [1, 1, 1]], ['a.roa', [2, 2]]]);
    writer.finished('rsync://x/d/'); // the job is done with them: pack 0 goes once full and written
    const late = writer.get('rsync://x/e/late.roa');
    expect(late).toBeInstanceOf(Promise);
    writer.set('rsync://x/d/b.roa', bytes(3, 3)); // pack 0 is full and written; its objects were all used
    writer.set('rsync://x/e/late.roa', bytes(1, 4));
    expect([...((await late) as Uint8Array)]).toEqual([4]);
    await new Promise((r) => setTimeout(r));
    expect(writes[0]).toEqual([0, 5, 2]);
    // b.roa (pack 1) came after d/ was handed out: the next hand-out has it, and reads let-go pack 0 back.
    expect((await writer.directory('rsync://x/d/')).map(([n, b]) => [n, [...b]])).toEqual([['d.mft', [1, 1, 1]], ['a.roa', [2, 2]], ['b.roa', [3, 3, 3]]]);
    expect(readBacks).toEqual([0]);
    const never = writer.get('rsync://x/none.roa');
    await writer.done();
    expect(await never).toBeUndefined();
  });

  it('keeps a pack while a job sent early may need its files again', async () => {
    const { writer, readBacks } = memoryWriter(4);
    writer.set('rsync://x/d/d.mft', bytes(4, 1)); // pack 0
    writer.set('rsync://x/d/a.roa', bytes(4, 2)); // pack 1: pack 0 is written
    await new Promise((r) => setTimeout(r));
    writer.directory('rsync://x/d/'); // an early hand-out: the job may come back for more
    writer.set('rsync://x/d/b.roa', bytes(4, 3)); // pack 2
    expect(writer.directory('rsync://x/d/')).not.toBeInstanceOf(Promise);
    writer.finished('rsync://x/d/');
    await writer.done();
    expect(readBacks).toEqual([]);
    expect(writer.directory('rsync://x/d/')).toBeInstanceOf(Promise); // every pack let go
  });

  it('a failed load fails whatever waits for an object or a directory', async () => {
    const { writer } = memoryWriter(100);
    const object = writer.get('rsync://x/d/a.roa');
    const dir = writer.ready('rsync://x/d/', 'rsync://x/d/d.mft');
    writer.fail(new Error('the archive is corrupt'));
    await expect(object).rejects.toThrow('the archive is corrupt');
    await expect(dir).rejects.toThrow('the archive is corrupt');
    expect(() => writer.set('rsync://x/d/a.roa', bytes(1, 1))).toThrow(/complete/);
  });

  it('lets go of a pack once all its objects were used, and reads it back if asked again', async () => {
    const { writer, readBacks } = memoryWriter(6);
    writer.set('rsync://x/d/a.roa', bytes(3, 1));
    writer.set('rsync://x/e/b.roa', bytes(3, 2)); // pack 0 holds a directory of d and one of e
    writer.set('rsync://x/e/c.roa', bytes(3, 3)); // pack 1
    await writer.done();
    expect(writer.directory('rsync://x/d/')).not.toBeInstanceOf(Promise);
    writer.finished('rsync://x/d/');
    // e/ holds the last unused object of pack 0 and all of pack 1: both are let go once e/'s job is done.
    const e = writer.directory('rsync://x/e/');
    expect(e).not.toBeInstanceOf(Promise);
    writer.finished('rsync://x/e/');
    expect(readBacks).toEqual([]);
    const again = writer.directory('rsync://x/d/');
    expect(again).toBeInstanceOf(Promise);
    expect((await again).map(([name, b]) => [name, [...b]])).toEqual([['a.roa', [1, 1, 1]]]);
    expect([...(await writer.get('rsync://x/e/c.roa'))!]).toEqual([3, 3, 3]);
    expect(readBacks).toEqual([0, 1]);
  });

  it('holds packs for jobs to come up to its budget, lets the later ones go once written, and keeps a few read back', async () => {
    const { writer, writes, readBacks } = memoryWriter(4, undefined, 8);
    for (let i = 0; i < 6; i++) writer.set(`rsync://x/d${i}/a.roa`, bytes(4, i)); // packs 0 to 5, none used yet
    await writer.done();
    expect(writes.map(([pack]) => pack)).toEqual([0, 1, 2, 3, 4, 5]);
    const files = async (dir: string) => (await writer.directory(`rsync://x/${dir}/`)).map(([name, b]) => [name, [...b]]);
    // Packs 0 and 1 fill the budget of 8 bytes and are held; packs 2 to 5 are read back when asked for.
    expect(writer.directory('rsync://x/d0/')).not.toBeInstanceOf(Promise);
    expect(writer.directory('rsync://x/d1/')).not.toBeInstanceOf(Promise);
    for (let i = 2; i < 6; i++) expect(await files(`d${i}`)).toEqual([['a.roa', [i, i, i, i]]]);
    expect(await files('d3')).toEqual([['a.roa', [3, 3, 3, 3]]]); // kept: read back once
    writer.finished('rsync://x/d0/'); // pack 0 let go: reading it back drops pack 2, the least recently used
    expect(await files('d0')).toEqual([['a.roa', [0, 0, 0, 0]]]);
    expect(await files('d2')).toEqual([['a.roa', [2, 2, 2, 2]]]);
    expect(await files('d3')).toEqual([['a.roa', [3, 3, 3, 3]]]);
    expect(readBacks).toEqual([2, 3, 4, 5, 0, 2]);
  });

  it('reads a pack let go while its write is under way back once it is written', async () => {
    const { writer, writes, readBacks } = memoryWriter(4, undefined, 4);
    writer.set('rsync://x/d0/a.roa', bytes(4, 7)); // pack 0, held
    writer.set('rsync://x/d1/a.roa', bytes(4, 8)); // pack 1, over the budget
    writer.set('rsync://x/d2/a.roa', bytes(4, 9)); // pack 1 is let go, its write not yet begun
    expect(writes).toEqual([]);
    const files = await writer.directory('rsync://x/d1/');
    expect(files.map(([name, b]) => [name, [...b]])).toEqual([['a.roa', [8, 8, 8, 8]]]);
    expect(readBacks).toEqual([1]);
    expect(writes.map(([pack]) => pack)).toEqual([0, 1]);
  });

  it('stops taking objects once a write failed, and done() throws that failure', async () => {
    const { writer } = memoryWriter(4, 0);
    writer.set('rsync://x/d/a.roa', bytes(4, 1));
    writer.set('rsync://x/d/b.roa', bytes(4, 2)); // fills pack 0 up: its write starts, and fails
    await new Promise((r) => setTimeout(r));
    expect(() => writer.set('rsync://x/d/c.roa', bytes(4, 3))).toThrow('the disk is full at pack 0');
    await expect(writer.done()).rejects.toThrow('the disk is full at pack 0');
  });
});

describe('Store.packWriter', () => {
  it('writes packs with the snapshot counts, and reads a pack let go back from the library', async () => {
    const store = await openStore(`packs-${Math.random()}`);
    const { id } = await store.createSnapshot({ name: 'p', source: { kind: 'file', label: 'p.tgz' }, evaluationTime: 0, tals: [] });
    const writer = store.packWriter(id, 4);
    writer.set('rsync://x/d/a.roa', bytes(4, 7));
    writer.set('rsync://x/e/b.roa', bytes(2, 8));
    await writer.done();
    expect((await store.getSnapshot(id))!.counts).toMatchObject({ objects: 2, bytes: 6 });
    await writer.directory('rsync://x/d/');
    writer.finished('rsync://x/d/');
    expect([...(await writer.directory('rsync://x/d/'))[0][1]]).toEqual([7, 7, 7, 7]);
    store.close();
  });
});
