/** The browser floor makes the WebCrypto calls the walk makes: counted on a clean forge repository. */
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../src/cli/node-crypto.ts';
import type { RpkiCrypto } from '../src/core/crypto/crypto.ts';
import { validate } from '../src/core/validate/walk.ts';
import { forgeTree } from '../src/testing/fixtures.ts';
import { cryptoCalls } from './browser-floor.ts';

describe('browser floor', () => {
  it("counts the walk's key imports, RSA verifications and SHA-256 digests from the files' names", async () => {
    const { source, tals } = forgeTree('medium');
    const made = { imports: 0, verifications: 0, digests: 0 };
    const c = nodeCrypto();
    const counting: RpkiCrypto = {
      sha256: (data) => (made.digests++, c.sha256(data)),
      importKey: (spki, key) => (made.imports++, c.importKey(spki, key)),
      verify: (key, signature, data) => (made.verifications++, c.verify(key, signature, data)),
    };
    const result = await validate(tals, source, { time: Date.parse('2026-11-24T00:00:00Z') / 1000, crypto: counting });
    expect(result.vrps.length).toBeGreaterThan(1000);
    const calls = cryptoCalls(source.objects.keys());
    expect(calls.verifications).toBeGreaterThan(source.objects.size);
    expect(made).toEqual(calls);
  });
});
