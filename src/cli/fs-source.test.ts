import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectorySource } from './fs-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'rl-fs-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

/** Byte-for-byte equality, without a deep comparison of megabytes element by element. */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

describe('DirectorySource', () => {
  mkdirSync(join(dir, 'host/module/sub'), { recursive: true });
  mkdirSync(join(dir, 'ta/ta'), { recursive: true });
  const small = bytes(1500, 1);
  const large = bytes(3 * 1024 * 1024 + 5, 2); // more than the read buffer: read again whole
  const exact = bytes(1024 * 1024, 3);
  writeFileSync(join(dir, 'host/module/sub/a.roa'), small);
  writeFileSync(join(dir, 'host/module/big.crl'), large);
  writeFileSync(join(dir, 'host/module/exact.crl'), exact);
  writeFileSync(join(dir, 'host/module/empty.mft'), new Uint8Array(0));
  writeFileSync(join(dir, 'ta/ta/root.cer'), bytes(900, 4));
  const source = new DirectorySource(dir, ['ta']);

  it('reads files of any size, each its own copy', () => {
    const a = source.get('rsync://host/module/sub/a.roa')!;
    expect(same(a, small)).toBe(true);
    expect(same(source.get('rsync://host/module/big.crl'), large)).toBe(true);
    expect(same(source.get('rsync://host/module/exact.crl'), exact)).toBe(true);
    expect(source.get('rsync://host/module/empty.mft')).toEqual(new Uint8Array(0));
    expect(same(a, small)).toBe(true); // later reads did not overwrite an earlier result
  });

  it('finds trust anchor certificates under ta/<tal>/', () => {
    expect(source.get('rsync://elsewhere/repo/root.cer')).toEqual(bytes(900, 4));
  });

  it('answers undefined for what is missing, a directory, or a path that would leave the directory', () => {
    expect(source.get('rsync://host/module/none.roa')).toBeUndefined();
    expect(source.get('rsync://host/module/sub')).toBeUndefined();
    expect(source.get('rsync://host/module/../../etc/passwd')).toBeUndefined();
  });

  it('lists every file as a URI, sorted, without the trust anchor staging area', async () => {
    const uris: string[] = [];
    for await (const u of source.uris()) uris.push(u);
    expect(uris).toEqual([
      'rsync://host/module/big.crl',
      'rsync://host/module/empty.mft',
      'rsync://host/module/exact.crl',
      'rsync://host/module/sub/a.roa',
    ]);
  });
});
