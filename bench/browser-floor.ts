/**
 * The browser floor of a repository: the least a browser tab that checks and stores it can take on this machine,
 * whatever its code. In one page, at once: one worker fetches the archive, gunzips it (DecompressionStream) and
 * writes its bytes to IndexedDB in packs of the app's size; one worker per core makes the repository's WebCrypto
 * calls (a key import per CA and per signed object's EE certificate; an RSA verification per certificate and CRL
 * and two per signed object; a SHA-256 digest per file a manifest lists and per signed object's eContent) on real
 * keys and signatures, many in flight. No tar reading, no decoding, no walk: what is left between this and the app
 * is the app's own code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import type { Page } from 'playwright-core';
import { SIGNED_OBJECT_EXTENSIONS } from '../src/core/snapshot/layout.ts';
import type { CryptoCalls, FloorJob, Signed } from './browser-floor.worker.ts';

/** The worker, transpiled to serve as is. */
export function floorWorkerScript(): string {
  return transformSync(readFileSync(join(import.meta.dirname, 'browser-floor.worker.ts'), 'utf8'), { loader: 'ts', format: 'esm' }).code;
}

/** The WebCrypto calls a walk of a repository makes, from its files' names (paths or URIs). */
export function cryptoCalls(files: Iterable<string>): CryptoCalls {
  let certificates = 0;
  let crls = 0;
  let manifests = 0;
  let signed = 0;
  for (const f of files) {
    const ext = f.slice(f.lastIndexOf('.') + 1);
    if (ext === 'cer') certificates++;
    else if (ext === 'crl') crls++;
    else if (SIGNED_OBJECT_EXTENSIONS.has(ext)) {
      signed++;
      if (ext === 'mft') manifests++;
    }
  }
  return {
    // A key per CA certificate, for its children; one per signed object's EE certificate.
    imports: certificates + signed,
    // RFC 6487 §7.2 each certificate and CRL under its issuer's key; RFC 6488 §3 a signed object's EE certificate
    // and its CMS signature.
    verifications: certificates + crls + 2 * signed,
    // RFC 9286 §6.5 every file a manifest lists (all but the trust anchor's certificate and the manifests), RFC 6488
    // §3 (b) each signed object's eContent for its message-digest attribute.
    digests: certificates + crls + signed - 1 - manifests + signed,
  };
}

/** The jobs of one floor run: a reader, and the calls split between `cores` crypto workers. */
export function floorJobs(archive: string, packBytes: number, calls: CryptoCalls, cores: number, signer: Uint8Array, signed: Record<keyof Signed, Uint8Array>[]): FloorJob[] {
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  const wire = signed.map((s) => ({ spki: b64(s.spki), signature: b64(s.signature), tbs: b64(s.tbs) }));
  const share = (n: number, i: number) => Math.floor(n / cores) + (i < n % cores ? 1 : 0);
  return [
    { role: 'read', url: archive, packBytes },
    ...Array.from({ length: cores }, (_, i): FloorJob => ({
      role: 'crypto',
      calls: { imports: share(calls.imports, i), verifications: share(calls.verifications, i), digests: share(calls.digests, i) },
      inFlight: 32,
      signer: b64(signer),
      signed: wire,
    })),
  ];
}

/** Runs the jobs in the page (served beside /floor.worker.js) and waits for all; throws what a worker reported. */
export async function runFloor(page: Page, jobs: FloorJob[]): Promise<void> {
  // No named functions in here: the page gets this function's source, as the bench's runner compiled it.
  const error = await page.evaluate(async (jobs) => {
    const results = await Promise.all(
      jobs.map(
        (job) =>
          new Promise<{ error?: string }>((resolve) => {
            const worker = new Worker('/floor.worker.js', { type: 'module' });
            worker.onmessage = (e) => (worker.terminate(), resolve(e.data));
            worker.onerror = (e) => resolve({ error: e.message });
            worker.postMessage(job);
          }),
      ),
    );
    return results.find((r) => r.error)?.error;
  }, jobs);
  if (error) throw new Error(`the browser floor's worker failed: ${error}`);
}
