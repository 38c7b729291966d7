/** Signed objects for unit tests, made by the repository builder with the bundled weak keys. */
import type { Issuer } from '../core/builder/cert.ts';
import { makeSignedObject, type SignedObjectSpec } from '../core/builder/cms.ts';
import { KeyRing } from '../core/builder/keys.ts';
import { WEAK_KEY_POOL } from '../core/builder/weak-key-pool.ts';

/** Unix seconds: test objects are valid from a day before to a day after. */
export const TEST_TIME = Date.parse('2026-01-01T00:00:00Z') / 1000;

/**
 * A key ring seeded by `seed`, a CA to issue EE certificates, and `sign`: a signed object of the content given, its
 * EE certificate (a fresh key, valid around TEST_TIME) issued by the CA or by `issuer`.
 */
export function testSigner(seed: string) {
  const keys = new KeyRing(WEAK_KEY_POOL, seed);
  const ca: Issuer = { name: 'CA', key: keys.rsa(), certUri: 'rsync://example.net/repo/ca.cer', crlUri: 'rsync://example.net/repo/ca/ca.crl' };
  const sign = (object: Pick<SignedObjectSpec, 'eContentType' | 'eContent' | 'uri' | 'resources'>, issuer: Issuer = ca) =>
    makeSignedObject({ ...object, key: keys.rsa(), serial: 1n, notBefore: TEST_TIME - 86400, notAfter: TEST_TIME + 86400 }, issuer);
  return { keys, ca, sign };
}
