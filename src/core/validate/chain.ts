/**
 * One file checked against a validated snapshot (the inspector's "verify"): its issuer is found in the snapshot by
 * the file's AIA or Authority Key Identifier, the chain from the trust anchor down to that issuer is verified again
 * link by link (RFC 6487 §7.2: signature, validity, resources, revocation on each issuer's CRL), and the file is then
 * checked as the walk checks an object on its issuer's manifest. What a chain cannot show is taken from the
 * snapshot's own verdicts: that its trust anchor matched the TAL, and that each CA's publication point was whole.
 */
import type { ResourceCert } from '../objects/cert.ts';
import type { Crl } from '../objects/crl.ts';
import type { DecodedObject } from '../objects/object.ts';
import { Findings } from '../report/finding.ts';
import { verifyCrl, type ValidCa, type VerifyContext } from './issuer.ts';
import { checkManifestTimes, decodedAs, validateObject, verifiedOnly, type PublicationPointResult } from './publication-point.ts';
import { verifySignedObject } from './signed-object.ts';
import { checkTrustAnchor } from './trust-anchor.ts';
import type { ObjectReport } from './types.ts';

/** What the check reads from a stored, validated snapshot. */
export interface SnapshotLookup {
  /** A stored object's bytes and its verdict in the snapshot. */
  get(uri: string): Promise<{ bytes?: Uint8Array; report: ObjectReport } | undefined>;
  /** URIs of the snapshot's valid certificates with this Subject Key Identifier. */
  certsWithSki(ski: string): Promise<string[]>;
}

export interface ChainResult {
  /** The file's verdict: its decoder findings and those of the chain check. */
  report: ObjectReport;
  /** The certificates from the trust anchor down to the issuer, and the CRLs used, as verified again now. */
  links: ObjectReport[];
  /** What the file would add to the snapshot's output when valid. */
  payloads: Pick<PublicationPointResult, 'vrps' | 'aspas' | 'routerKeys'>;
}

/** Deeper chains are refused, as the walk refuses them (walk.ca.too-deep). */
const MAX_DEPTH = 32;

interface Stored {
  uri: string;
  bytes: Uint8Array;
  report: ObjectReport;
}

export async function verifyInSnapshot(name: string, bytes: Uint8Array, decoded: DecodedObject, lookup: SnapshotLookup, ctx: VerifyContext): Promise<ChainResult> {
  const findings = new Findings();
  const type = decoded.type === 'tal' || decoded.type === 'unknown' ? 'other' : decoded.type;
  const report: ObjectReport = { uri: name, type, status: 'unreached', findings: findings.list };
  const result: ChainResult = { report, links: [], payloads: { vrps: [], aspas: [], routerKeys: [] } };
  const refs = issuerRefs(decoded);
  if (!refs) return result;

  if (refs.self) {
    // A trust anchor: the snapshot's trust anchor with this key identifier vouches for its key (RFC 8630 §3).
    const known = await firstValid(lookup, await lookup.certsWithSki(refs.self), (s) => !s.report.issuer);
    if (!known) {
      findings.add('chain.issuer.missing', { aki: refs.self });
      return result;
    }
    const spki = decodedAs('cer', known.uri, known.bytes, new Findings())?.spki;
    const ta = await checkTrustAnchor(name, bytes, { name: known.report.ta ?? '', spki }, ctx);
    return { ...result, report: { ...ta.report, uri: name } };
  }

  const chain = await chainTo(refs, lookup);
  if (!chain) {
    findings.add('chain.issuer.missing', { aki: refs.aki ?? '(none)' });
    return result;
  }
  report.ta = chain[0].report.ta;
  report.issuer = chain[chain.length - 1].uri;
  const issuer = await verifyChain(chain, lookup, ctx, result.links, findings);
  if (!issuer) return result;
  let valid: boolean | undefined;
  if (type === 'crl') {
    // A CRL answers to its CA alone (RFC 6487 §5).
    const crl = decodedAs('crl', name, bytes, findings);
    valid = !!crl && (await verifyCrl(crl, issuer, ctx, findings));
  } else {
    const crl = await crlOf(refs.crlDp, issuer, lookup, ctx, result.links, findings);
    if (!crl) return result;
    // As the walk checks each type; signature and currency for those it does not validate.
    if (type === 'mft') valid = await verifyManifest(name, bytes, issuer, crl, ctx, findings);
    else if (type === 'sig' || type === 'spl') valid = await verifiedOnly(decodedAs(type, name, bytes, findings), issuer, crl, ctx, findings);
    else {
      const out: PublicationPointResult = { reports: [], children: [], ...result.payloads };
      valid = await validateObject(type, name, bytes, issuer, crl, ctx, out, findings, report);
    }
  }
  report.status = valid === undefined ? 'skipped' : valid ? 'valid' : 'invalid';
  // RFC 9286 §6.4: only what a current manifest lists is in force; a lone file shows its signatures, not that.
  if (valid) findings.add('chain.unlisted');
  return result;
}

interface IssuerRefs {
  /** A self-signed certificate's own key identifier: it is its own issuer. */
  self?: string;
  aki?: string;
  /** The issuer certificate's URI (AIA id-ad-caIssuers, RFC 6487 §4.8.7). */
  aia?: string;
  /** The issuer's CRL (CRL distribution point, RFC 6487 §4.8.6). */
  crlDp?: string;
}

function issuerRefs(d: DecodedObject): IssuerRefs | undefined {
  const fromCert = (c: ResourceCert): IssuerRefs => (c.kind === 'ta' ? { self: c.ski } : { aki: c.aki, aia: c.aia[0], crlDp: c.crlDp[0] });
  if (!d.value) return undefined;
  switch (d.type) {
    case 'cer':
      return fromCert(d.value);
    case 'crl':
      return { aki: (d.value as Crl).aki };
    case 'roa':
    case 'mft':
    case 'asa':
    case 'gbr':
    case 'tak':
    case 'sig':
    case 'spl':
      return fromCert(d.value.signedObject.ee);
    default:
      return undefined;
  }
}

async function firstValid(lookup: SnapshotLookup, uris: string[], accept: (s: Stored) => boolean = () => true): Promise<Stored | undefined> {
  for (const uri of uris) {
    const s = await lookup.get(uri);
    if (s?.bytes && s.report.status === 'valid' && s.report.type === 'cer') {
      const stored = { uri, bytes: s.bytes, report: s.report };
      if (accept(stored)) return stored;
    }
  }
  return undefined;
}

/** The issuer (by AIA when it carries the right key identifier, else by AKI) and its ancestors, trust anchor first. */
async function chainTo(refs: IssuerRefs, lookup: SnapshotLookup): Promise<Stored[] | undefined> {
  const byAia = refs.aia ? await firstValid(lookup, [refs.aia], (s) => s.report.ski === refs.aki) : undefined;
  let at = byAia ?? (refs.aki ? await firstValid(lookup, await lookup.certsWithSki(refs.aki)) : undefined);
  const up: Stored[] = [];
  while (at) {
    up.push(at);
    if (!at.report.issuer) return up.reverse();
    if (up.length > MAX_DEPTH) return undefined;
    const s = await lookup.get(at.report.issuer);
    at = s?.bytes ? { uri: at.report.issuer, bytes: s.bytes, report: s.report } : undefined;
  }
  return undefined;
}

/** Verifies the chain again from its trust anchor; the issuer as a ValidCa with its certificate, or undefined. */
async function verifyChain(
  chain: Stored[],
  lookup: SnapshotLookup,
  ctx: VerifyContext,
  links: ObjectReport[],
  findings: Findings,
): Promise<ValidCa | undefined> {
  const [root, ...rest] = chain;
  const ta = await checkTrustAnchor(root.uri, root.bytes, { name: root.report.ta ?? '' }, ctx);
  links.push(ta.report);
  if (!ta.ca) return broken(root.uri, ta.report, findings);
  let ca: ValidCa = ta.ca;
  for (const link of rest) {
    const crl = await crlOf(decodedAs('cer', link.uri, link.bytes, new Findings())?.crlDp[0], ca, lookup, ctx, links, findings);
    if (!crl) return undefined;
    const out: PublicationPointResult = { reports: [], children: [], vrps: [], aspas: [], routerKeys: [] };
    const linkFindings = new Findings();
    const report: ObjectReport = { uri: link.uri, type: 'cer', status: 'invalid', findings: linkFindings.list, ta: ca.ta, issuer: ca.uri };
    links.push(report);
    const next: ValidCa | undefined = (await validateObject('cer', link.uri, link.bytes, ca, crl, ctx, out, linkFindings, report)) ? out.children[0] : undefined;
    if (!next) return broken(link.uri, report, findings);
    report.status = 'valid';
    ca = next;
  }
  return ca;
}

function broken(uri: string, report: ObjectReport, findings: Findings): undefined {
  findings.add('chain.link.invalid', { uri, cause: report.findings.find((f) => f.severity === 'error')?.code ?? report.status });
  return undefined;
}

/** The issuer's CRL from the snapshot, verified against the issuer (RFC 6487 §5). */
async function crlOf(
  uri: string | undefined,
  issuer: ValidCa,
  lookup: SnapshotLookup,
  ctx: VerifyContext,
  links: ObjectReport[],
  findings: Findings,
): Promise<Crl | undefined> {
  const stored = uri ? await lookup.get(uri) : undefined;
  if (!uri || !stored?.bytes || stored.report.status !== 'valid') {
    findings.add('chain.crl.missing', { ca: issuer.uri, uri: uri ?? '(none)' });
    return undefined;
  }
  const crlFindings = new Findings();
  const report: ObjectReport = { uri, type: 'crl', status: 'invalid', findings: crlFindings.list, ta: issuer.ta, issuer: issuer.uri };
  links.push(report);
  const crl = decodedAs('crl', uri, stored.bytes, crlFindings);
  if (!crl || !(await verifyCrl(crl, issuer, ctx, crlFindings))) return broken(uri, report, findings);
  report.status = 'valid';
  return crl;
}

/** A manifest against its issuer: RFC 9286 §6.2–6.3, its EE certificate and signature, then its currency. */
async function verifyManifest(name: string, bytes: Uint8Array, ca: ValidCa, crl: Crl, ctx: VerifyContext, findings: Findings): Promise<boolean> {
  const mft = decodedAs('mft', name, bytes, findings);
  if (!mft) return false;
  const ok = (await verifySignedObject(mft.signedObject, ca, crl, ctx, findings)) !== undefined;
  checkManifestTimes(mft, ctx.time, findings);
  return ok && !findings.hasErrors;
}
