/**
 * Verification against an issuer: RFC 6487 §7.2 (resource certification path validation) on top of RFC 5280
 * §6.1.3 (signature, validity, revocation, name chaining) and RFC 3779 §2.3/§3.3 (resources).
 */
import type { RpkiCrypto, VerifyKey } from '../crypto/crypto.ts';
import { bytesEqual } from '../crypto/crypto.ts';
import type { ResourceCert } from '../objects/cert.ts';
import type { Crl } from '../objects/crl.ts';
import type { Findings } from '../report/finding.ts';
import { isoTime } from '../time.ts';
import {
  formatResourceSet,
  isEmptySet,
  resolveInherit,
  resourcesContain,
  type ClaimedResources,
  type ResourceSet,
} from '../resources/index.ts';

/**
 * A CA certificate that passed every check. Only a ValidCa can act as an issuer, so an unchecked certificate can
 * never vouch for anything.
 */
export interface ValidCa {
  uri: string;
  cert: ResourceCert;
  /** The key, imported on first use, once for everything the CA signed. */
  readonly key: Promise<VerifyKey>;
  /** Resources with inheritance resolved. */
  resources: ResourceSet;
  /** The soonest notAfter on the path from the trust anchor down to this CA. */
  expires: number;
  ta: string;
  /** URIs from the trust anchor down to this CA. */
  path: string[];
}

export interface VerifyContext {
  time: number;
  crypto: RpkiCrypto;
}

/**
 * Wraps a certificate that passed every check. Its key is imported when first needed, and then once for all it
 * signed: a CA validated in one worker and processed in another is imported only where it is used.
 */
export function makeValidCa(
  uri: string,
  cert: ResourceCert,
  resources: ResourceSet,
  expires: number,
  ta: string,
  path: string[],
  ctx: VerifyContext,
): ValidCa {
  let key: Promise<VerifyKey> | undefined;
  return {
    uri,
    cert,
    get key() {
      if (!key) {
        key = ctx.crypto.importKey(cert.spki, cert.publicKey);
        key.catch(() => undefined); // a key that fails to import fails each verification under it, where that is reported
      }
      return key;
    },
    resources,
    expires,
    ta,
    path,
  };
}

export function claimedResources(cert: ResourceCert): ClaimedResources {
  return { ip: cert.ipResources?.resources, as: cert.asResources?.resources };
}

/** RFC 5280 §6.1.3 (a)(2): the certificate's validity period contains the evaluation time. */
export function checkValidity(cert: ResourceCert, time: number, findings: Findings): void {
  if (time < cert.notBefore) findings.add('cert.validity.not-yet-valid', { notBefore: isoTime(cert.notBefore) });
  if (time > cert.notAfter) findings.add('cert.validity.expired', { notAfter: isoTime(cert.notAfter) });
}

/**
 * Checks `cert` as issued by `issuer`, with `crl` the issuer's current CRL. Returns the certificate's resources with
 * inheritance resolved, or undefined when a check failed (the findings say which).
 */
export async function verifyIssued(
  cert: ResourceCert,
  issuer: ValidCa,
  crl: Crl | undefined,
  ctx: VerifyContext,
  findings: Findings,
): Promise<ResourceSet | undefined> {
  const mark = findings.mark;
  // RFC 5280 §6.1.3 (a)(4): the issuer name is the issuing CA's subject.
  if (!bytesEqual(cert.issuer.der, issuer.cert.subject.der)) {
    findings.add('cert.issuer.mismatch', { issuer: cert.issuer.text, expected: issuer.cert.subject.text });
  }
  // RFC 6487 §4.8.3: the AKI is the issuer's SKI.
  if (cert.aki !== issuer.cert.ski) findings.add('cert.aki.mismatch', { aki: cert.aki ?? '(none)', ski: issuer.cert.ski ?? '(none)' });
  checkValidity(cert, ctx.time, findings);
  // RFC 5280 §6.1.3 (a)(3), RFC 6487 §7.2: not revoked by the issuer's CRL.
  if (crl?.revokedSerials.has(cert.serial)) findings.add('cert.revoked', { serial: cert.serial });
  // RFC 5280 §6.1.3 (a)(1): the signature verifies with the issuer's key.
  const ok = await ctx.crypto.verify(await issuer.key, cert.signature, cert.tbs);
  if (!ok) findings.add('cert.signature.invalid', { issuer: issuer.uri });
  const resources = verifyResources(cert, issuer.resources, findings);
  return findings.errorsSince(mark) ? undefined : resources;
}

/**
 * RFC 6487 §7.2 step 6 / RFC 3779 §2.3, §3.3: resources resolved through inheritance and held by the issuer. A
 * family inherited from an issuer that holds none of it resolves to nothing, as in rpki-client and OpenSSL: manifest
 * EE certificates routinely inherit IPv6 under CAs that hold only IPv4.
 */
export function verifyResources(cert: ResourceCert, issuer: ResourceSet, findings: Findings): ResourceSet | undefined {
  const { resources } = resolveInherit(claimedResources(cert), issuer);
  const over = resourcesContain(issuer, resources);
  if (!isEmptySet(over)) {
    findings.add('cert.resources.overclaim', { resources: formatResourceSet(over, 8) });
    return undefined;
  }
  return resources;
}

/**
 * RFC 6487 §5 / RFC 5280 §6.3.3: the CRL is the issuer's (name, AKI), its signature verifies with the issuer's key,
 * and it is current: thisUpdate ≤ time ≤ nextUpdate (RFC 9286 §6.4 treats a stale CRL as a failed fetch).
 */
export async function verifyCrl(crl: Crl, issuer: ValidCa, ctx: VerifyContext, findings: Findings): Promise<boolean> {
  const mark = findings.mark;
  if (!bytesEqual(crl.issuer.der, issuer.cert.subject.der)) {
    findings.add('crl.issuer.mismatch', { issuer: crl.issuer.text, expected: issuer.cert.subject.text });
  }
  if (crl.aki !== issuer.cert.ski) findings.add('crl.aki.mismatch', { aki: crl.aki ?? '(none)', ski: issuer.cert.ski ?? '(none)' });
  if (ctx.time < crl.thisUpdate) findings.add('crl.not-yet-valid', { thisUpdate: isoTime(crl.thisUpdate) });
  if (ctx.time > crl.nextUpdate) findings.add('crl.stale', { nextUpdate: isoTime(crl.nextUpdate) });
  if (!(await ctx.crypto.verify(await issuer.key, crl.signature, crl.tbs))) {
    findings.add('crl.signature.invalid', { issuer: issuer.uri });
  }
  return !findings.errorsSince(mark);
}
