/**
 * One CA's publication point, RFC 9286 §6: the manifest named by the CA's SIA, its CRL, every file it lists, and
 * then each listed object. A failed manifest check rejects the whole publication point (§6.6), and every object it
 * would have vouched for is reported as skipped with the reason.
 */
import { bytesEqual } from '../crypto/crypto.ts';
import type { Aspa } from '../objects/aspa.ts';
import type { ResourceCert } from '../objects/cert.ts';
import type { Crl } from '../objects/crl.ts';
import type { Gbr } from '../objects/gbr.ts';
import type { Manifest } from '../objects/manifest.ts';
import { decodeObject } from '../objects/object.ts';
import { roaVrps, type Roa } from '../objects/roa.ts';
import type { Rsc } from '../objects/rsc.ts';
import type { SignedObject } from '../objects/signed-object.ts';
import type { Spl } from '../objects/spl.ts';
import type { Tak } from '../objects/tak.ts';
import { Findings, type Finding } from '../report/finding.ts';
import { formatPrefix } from '../resources/index.ts';
import { isoTime } from '../time.ts';
import { makeValidCa, verifyCrl, verifyIssued, type ValidCa, type VerifyContext } from './issuer.ts';
import { verifySignedObject } from './signed-object.ts';
import { baseName, dirOf, type ObjectSource } from './source.ts';
import type { AspaPayload, ObjectReport, ObjectType, RouterKey, Vrp } from './types.ts';

export interface PublicationPointResult {
  reports: ObjectReport[];
  /** CA certificates that validated, in manifest order: the next publication points to visit. */
  children: ValidCa[];
  vrps: Vrp[];
  aspas: AspaPayload[];
  routerKeys: RouterKey[];
}

const TYPES: Record<string, ObjectType> = {
  cer: 'cer', crl: 'crl', mft: 'mft', roa: 'roa', asa: 'asa', gbr: 'gbr', tak: 'tak', sig: 'sig', spl: 'spl',
};

export function typeOfName(name: string): ObjectType {
  return TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'other';
}

/** A router certificate for more AS numbers than this is treated as hostile rather than expanded. */
const MAX_ROUTER_ASNS = 65536;

interface Listed {
  name: string;
  uri: string;
  hash: Uint8Array;
  bytes?: Uint8Array;
  /** What is wrong with this file itself, when it is why the publication point fails. */
  problem?: 'walk.object.missing' | 'walk.object.hash-mismatch';
}

export async function processPublicationPoint(ca: ValidCa, source: ObjectSource, ctx: VerifyContext): Promise<PublicationPointResult> {
  const out: PublicationPointResult = { reports: [], children: [], vrps: [], aspas: [], routerKeys: [] };
  const base = { ta: ca.ta, issuer: ca.uri };
  const mftUri = ca.cert.sia.rpkiManifest;
  const mftFindings = new Findings();
  const mftReport: ObjectReport = { uri: mftUri ?? `${ca.uri}#manifest`, type: 'mft', status: 'invalid', findings: mftFindings.list, ...base };
  out.reports.push(mftReport);
  if (!mftUri) {
    mftFindings.add('walk.manifest.no-sia', { ca: ca.uri });
    return out;
  }
  // RFC 9286 §6.2: acquire and validate the manifest.
  const mftBytes = await source.get(mftUri);
  if (!mftBytes) {
    mftFindings.add('walk.manifest.missing', { uri: mftUri });
    return out;
  }
  const mft = decodedAs('mft', mftUri, mftBytes, mftFindings);
  if (!mft) return out;
  mftReport.summary = `#${mft.manifestNumber} · ${mft.fileList.length} files · next update ${isoTime(mft.nextUpdate)}`;
  const dir = dirOf(mftUri);
  const listed: Listed[] = mft.fileList.map((f) => ({ name: f.file, uri: dir + f.file, hash: f.hash }));

  // RFC 9286 §6.4: exactly one CRL, listed on the manifest, current and signed by the CA.
  const crl = await loadCrl(listed, mft, mftUri, ca, source, ctx, out, mftFindings);

  // RFC 9286 §6.2–6.3: the manifest's EE certificate and CMS signature, then currency.
  if (crl) await verifySignedObject(mft.signedObject, ca, crl, ctx, mftFindings);
  checkManifestTimes(mft, ctx.time, mftFindings);

  // RFC 9286 §6.4–6.5: every listed file present, with the listed SHA-256.
  if (!mftFindings.hasErrors) await checkFiles(listed, source, ctx, mftFindings);
  const others = listed.filter((f) => typeOfName(f.name) !== 'crl');
  if (mftFindings.hasErrors || !crl) {
    const cause = mftFindings.list.find((f) => f.severity === 'error');
    for (const f of others) out.reports.push(skipped(f, cause, mftUri, base));
    return out;
  }
  mftReport.status = 'valid';
  mftReport.manifest = mftUri;

  const results = await Promise.all(others.map((f) => processObject(f, ca, crl, ctx, out, mftUri)));
  for (const r of results) out.reports.push(r);
  return out;
}

/** RFC 9286 §6.3: the manifest is current, thisUpdate ≤ time ≤ nextUpdate. */
export function checkManifestTimes(mft: Manifest, time: number, findings: Findings): void {
  if (time < mft.thisUpdate) findings.add('mft.not-yet-valid', { thisUpdate: isoTime(mft.thisUpdate) });
  if (time > mft.nextUpdate) findings.add('mft.stale', { nextUpdate: isoTime(mft.nextUpdate) });
}

async function loadCrl(
  listed: Listed[],
  mft: Manifest,
  mftUri: string,
  ca: ValidCa,
  source: ObjectSource,
  ctx: VerifyContext,
  out: PublicationPointResult,
  mftFindings: Findings,
): Promise<Crl | undefined> {
  const crls = listed.filter((f) => typeOfName(f.name) === 'crl');
  if (crls.length !== 1) {
    mftFindings.add(crls.length ? 'mft.crl.multiple' : 'mft.crl.missing', { count: crls.length });
    return undefined;
  }
  const entry = crls[0];
  // RFC 6487 §4.8.6: the CRL the manifest's EE certificate names (rpki-client compares the file names).
  const crldp = baseName(mft.signedObject.ee.crlDp[0] ?? '');
  if (entry.name !== crldp) {
    mftFindings.add('mft.crl.not-crldp', { file: entry.name, crldp: crldp || '(none)' });
    return undefined;
  }
  const findings = new Findings();
  const report: ObjectReport = { uri: entry.uri, type: 'crl', status: 'invalid', findings: findings.list, ta: ca.ta, issuer: ca.uri, manifest: mftUri };
  out.reports.push(report);
  const bytes = await source.get(entry.uri);
  if (!bytes) {
    mftFindings.add('mft.file.missing', { file: entry.name });
    findings.add('walk.object.missing', { uri: entry.uri, manifest: mftUri });
    return undefined;
  }
  entry.bytes = bytes;
  if (!bytesEqual(await ctx.crypto.sha256(bytes), entry.hash)) {
    mftFindings.add('mft.file-hash.mismatch', { file: entry.name });
    findings.add('walk.object.hash-mismatch', { uri: entry.uri, manifest: mftUri });
    return undefined;
  }
  const crl = decodedAs('crl', entry.uri, bytes, findings);
  if (!crl || !(await verifyCrl(crl, ca, ctx, findings))) {
    mftFindings.add('mft.crl.invalid', { file: entry.name });
    return undefined;
  }
  report.status = 'valid';
  report.summary = `${crl.revoked.length} revoked · next update ${isoTime(crl.nextUpdate)}`;
  return crl;
}

/** The decoded value of each type the walk validates. */
interface Walked {
  cer: ResourceCert;
  sig: Rsc;
  spl: Spl;
  crl: Crl;
  mft: Manifest;
  roa: Roa;
  asa: Aspa;
  gbr: Gbr;
  tak: Tak;
}

/**
 * Decodes and inspects an object (the decode and inspect stages), adding its findings; the value only when it has
 * no error and is of the type its name says.
 */
export function decodedAs<T extends keyof Walked>(type: T, uri: string, bytes: Uint8Array, findings: Findings): Walked[T] | undefined {
  const d = decodeObject(uri, bytes);
  findings.list.push(...d.findings);
  return d.ok && d.type === type ? (d.value as Walked[T]) : undefined;
}

async function checkFiles(listed: Listed[], source: ObjectSource, ctx: VerifyContext, findings: Findings): Promise<void> {
  await Promise.all(
    listed.map(async (f) => {
      if (typeOfName(f.name) === 'crl') return;
      f.bytes = await source.get(f.uri);
      if (!f.bytes) {
        // A file of a type no validator processes may be absent without harm (rpki-client skips it too).
        if (typeOfName(f.name) === 'other') return;
        findings.add('mft.file.missing', { file: f.name });
        f.problem = 'walk.object.missing';
      } else if (!bytesEqual(await ctx.crypto.sha256(f.bytes), f.hash)) {
        findings.add('mft.file-hash.mismatch', { file: f.name });
        f.problem = 'walk.object.hash-mismatch';
      }
    }),
  );
}

function skipped(f: Listed, cause: Finding | undefined, manifest: string, base: { ta: string; issuer: string }): ObjectReport {
  const findings = new Findings();
  if (f.problem) findings.add(f.problem, { uri: f.uri, manifest });
  findings.add('walk.publication-point.rejected', { manifest, cause: cause?.code ?? 'unknown' });
  return { uri: f.uri, type: typeOfName(f.uri), status: f.problem ? 'invalid' : 'skipped', findings: findings.list, manifest, ...base };
}

/** Validates one listed object; payloads go to `out`, the report is returned. */
async function processObject(
  f: Listed,
  ca: ValidCa,
  crl: Crl,
  ctx: VerifyContext,
  out: PublicationPointResult,
  manifest: string,
): Promise<ObjectReport> {
  const type = typeOfName(f.name);
  const findings = new Findings();
  const report: ObjectReport = { uri: f.uri, type, status: 'invalid', findings: findings.list, ta: ca.ta, issuer: ca.uri, manifest };
  const bytes = f.bytes;
  if (!bytes) {
    findings.add('walk.object.missing', { uri: f.uri, manifest });
    report.status = 'skipped';
    return report;
  }
  const valid = await validateObject(type, f.uri, bytes, ca, crl, ctx, out, findings, report);
  report.status = valid === undefined ? 'skipped' : valid ? 'valid' : 'invalid';
  return report;
}

/**
 * Validates an object of a manifest against its issuer and the issuer's CRL, payloads going to `out`. Returns true
 * when valid, false when rejected, undefined when the type is not validated (its status stays skipped).
 */
export async function validateObject(
  type: ObjectType,
  uri: string,
  bytes: Uint8Array,
  ca: ValidCa,
  crl: Crl,
  ctx: VerifyContext,
  out: PublicationPointResult,
  findings: Findings,
  report: ObjectReport,
): Promise<boolean | undefined> {
  switch (type) {
    case 'cer':
      return validateCert(uri, bytes, ca, crl, ctx, out, findings, report);
    case 'roa': {
      // RFC 9582 §5: the EE-certificate rules (explicit addresses covering every prefix, no AS resources) are
      // inspect-stage checks of the decoder; here the EE certificate and signature are verified.
      const roa = decodedAs('roa', uri, bytes, findings);
      if (!roa) return false;
      report.summary = `AS${roa.asId} · ${roa.ipAddrBlocks.reduce((n, b) => n + b.addresses.length, 0)} prefixes`;
      if (!(await verifySignedObject(roa.signedObject, ca, crl, ctx, findings))) {
        report.asns = [roa.asId];
        report.prefixes = [...new Set(roaVrps(roa).map((v) => formatPrefix(v.prefix)))];
        return false;
      }
      const expires = Math.min(roa.signedObject.ee.notAfter, crl.nextUpdate, ca.expires);
      for (const v of roaVrps(roa)) out.vrps.push({ asn: v.asn, prefix: formatPrefix(v.prefix), maxLength: v.maxLength, ta: ca.ta, expires, roa: uri });
      return true;
    }
    case 'asa': {
      const aspa = decodedAs('asa', uri, bytes, findings);
      if (!aspa) return false;
      report.summary = `AS${aspa.customerAsId} → ${aspa.providers.length} providers`;
      if (!(await verifySignedObject(aspa.signedObject, ca, crl, ctx, findings))) {
        report.asns = [aspa.customerAsId, ...aspa.providers];
        return false;
      }
      const expires = Math.min(aspa.signedObject.ee.notAfter, crl.nextUpdate, ca.expires);
      out.aspas.push({ customer: aspa.customerAsId, providers: aspa.providers, ta: ca.ta, expires, uri });
      return true;
    }
    case 'gbr':
      return verifiedOnly(decodedAs('gbr', uri, bytes, findings), ca, crl, ctx, findings);
    case 'tak': {
      // RFC 9691 §5: a TAK is signed under the trust anchor itself.
      const ok = await verifiedOnly(decodedAs('tak', uri, bytes, findings), ca, crl, ctx, findings);
      if (ca.path.length !== 1) findings.add('tak.issuer.not-ta');
      return ok && ca.path.length === 1;
    }
    case 'mft':
    case 'crl':
    case 'sig':
    case 'spl':
    case 'other':
      findings.add('walk.object.not-validated', { type });
      return undefined;
  }
}

export async function verifiedOnly(
  value: { signedObject: SignedObject } | undefined,
  ca: ValidCa,
  crl: Crl,
  ctx: VerifyContext,
  findings: Findings,
): Promise<boolean> {
  if (!value) return false;
  return (await verifySignedObject(value.signedObject, ca, crl, ctx, findings)) !== undefined && !findings.hasErrors;
}

async function validateCert(
  uri: string,
  bytes: Uint8Array,
  ca: ValidCa,
  crl: Crl,
  ctx: VerifyContext,
  out: PublicationPointResult,
  findings: Findings,
  report: ObjectReport,
): Promise<boolean> {
  const cert = decodedAs('cer', uri, bytes, findings);
  if (!cert) return false;
  report.summary = `${cert.kind.toUpperCase()} ${cert.subject.commonName ?? cert.subject.text}`;
  if (cert.ski) report.ski = cert.ski;
  if (cert.kind !== 'ca' && cert.kind !== 'router') {
    findings.add('walk.cert.unexpected-kind', { kind: cert.kind });
    return false;
  }
  const resources = await verifyIssued(cert, ca, crl, ctx, findings);
  if (!resources || findings.hasErrors) return false;
  const expires = Math.min(ca.expires, cert.notAfter);
  if (cert.kind === 'router') {
    // RFC 8209 §3.1.3.5: one router key per AS number the certificate holds.
    const pubkey = base64(cert.spki);
    const count = resources.asnum.reduce((n, r) => n + r.max - r.min + 1, 0);
    if (count > MAX_ROUTER_ASNS) {
      findings.add('walk.router.too-many-asns', { count, limit: MAX_ROUTER_ASNS });
      return false;
    }
    for (const r of resources.asnum) {
      for (let asn = r.min; asn <= r.max; asn++) {
        out.routerKeys.push({ asn, ski: cert.ski ?? '', pubkey, ta: ca.ta, expires: Math.min(expires, crl.nextUpdate), uri });
      }
    }
    return true;
  }
  out.children.push(makeValidCa(uri, cert, resources, expires, ca.ta, [...ca.path, uri], ctx));
  return true;
}

function base64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return btoa(s);
}
