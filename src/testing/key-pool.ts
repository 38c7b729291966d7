/**
 * Test and benchmark support only (Node): a weak key pool (src/core/builder/keys.ts) cached as JSON on disk, grown
 * with fresh WebCrypto keys when it yields fewer keys than asked for. Generating one RSA-2048 key takes a quarter to
 * half a second, so a pool for a few thousand objects (about 100 primes) is worth keeping between runs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { extendKeyPool, keyCapacity, type KeyPoolData } from '../core/builder/keys.ts';

/** The pool in `file`, extended (and saved) until it yields `keys` RSA keys and holds `ecKeys` P-256 keys. */
export async function cachedKeyPool(file: string, want: { keys: number; ecKeys?: number }): Promise<KeyPoolData> {
  let pool: KeyPoolData = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as KeyPoolData)
    : { format: 'rpki-lens-weak-key-pool/1', primes: [], ec: [] };
  let primes = pool.primes.length;
  while ((primes * (primes - 1)) / 2 < want.keys) primes++;
  const rsaKeys = Math.ceil((primes - pool.primes.length) / 2);
  const ecKeys = Math.max(0, (want.ecKeys ?? 1) - pool.ec.length);
  if (rsaKeys || ecKeys) {
    pool = await extendKeyPool(pool, { rsaKeys, ecKeys });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(pool));
  }
  if (keyCapacity(pool) < want.keys) throw new Error(`the key pool in ${file} yields only ${keyCapacity(pool)} keys`);
  return pool;
}
