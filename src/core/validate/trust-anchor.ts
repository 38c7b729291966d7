/**
 * Trust anchors, RFC 8630 §3: the certificate at one of the TAL's URIs, whose public key is the TAL's, self-signed
 * and current. The TA profile (explicit resources, RFC 8630 §2.3) is checked when the certificate is inspected.
 */
import { bytesEqual } from '../crypto/crypto.ts';
import { Findings } from '../report/finding.ts';
import { emptyResourceSet, resolveInherit } from '../resources/index.ts';
import { checkValidity, claimedResources, makeValidCa, type ValidCa, type VerifyContext } from './issuer.ts';
import { decodedAs } from './publication-point.ts';
import type { ObjectSource } from './source.ts';
import type { ObjectReport, TalInput } from './types.ts';

export async function validateTrustAnchor(
  tal: TalInput,
  source: ObjectSource,
  ctx: VerifyContext,
): Promise<{ report: ObjectReport; ca?: ValidCa }> {
  let uri = tal.uris[0] ?? `tal:${tal.name}`;
  let bytes: Uint8Array | undefined;
  for (const u of tal.uris) {
    bytes = await source.get(u);
    if (bytes) {
      uri = u;
      break;
    }
  }
  if (!bytes) {
    const findings = new Findings();
    findings.add('walk.ta.missing', { tal: tal.name, uris: tal.uris.join(' ') });
    return { report: { uri, type: 'cer', status: 'invalid', findings: findings.list, ta: tal.name } };
  }
  return checkTrustAnchor(uri, bytes, tal, ctx);
}

/**
 * The trust anchor certificate itself: self-signed and current, and its key the TAL's. Without `spki` the key is
 * not compared: the caller vouches for it (a chain taken from a snapshot whose validation compared it).
 */
export async function checkTrustAnchor(
  uri: string,
  bytes: Uint8Array,
  tal: { name: string; spki?: Uint8Array },
  ctx: VerifyContext,
): Promise<{ report: ObjectReport; ca?: ValidCa }> {
  const findings = new Findings();
  const report: ObjectReport = { uri, type: 'cer', status: 'invalid', findings: findings.list, ta: tal.name };
  const cert = decodedAs('cer', uri, bytes, findings);
  if (!cert) return { report };
  report.summary = `TA ${cert.subject.commonName ?? cert.subject.text}`;
  if (cert.ski) report.ski = cert.ski;
  if (cert.kind !== 'ta') findings.add('walk.ta.not-self-signed', { kind: cert.kind });
  // RFC 8630 §3: the public key in the TAL matches the certificate's.
  if (tal.spki && !bytesEqual(cert.spki, tal.spki)) findings.add('walk.ta.key-mismatch', { tal: tal.name });
  checkValidity(cert, ctx.time, findings);
  if (findings.hasErrors) return { report };
  const { resources } = resolveInherit(claimedResources(cert), emptyResourceSet());
  const ca = makeValidCa(uri, cert, resources, cert.notAfter, tal.name, [uri], ctx);
  const key = await ca.key.catch(() => undefined);
  if (!key || !(await ctx.crypto.verify(key, cert.signature, cert.tbs))) {
    findings.add('walk.ta.signature-invalid');
    return { report };
  }
  report.status = 'valid';
  return { report, ca };
}
