/** What the walk produces: one report per object, and the validated payloads. All plain data (structured clone). */
import type { RpkiCrypto } from '../crypto/crypto.ts';
import type { Finding } from '../report/finding.ts';

export type ObjectType = 'cer' | 'crl' | 'mft' | 'roa' | 'asa' | 'gbr' | 'tak' | 'sig' | 'spl' | 'other';

/**
 * valid: accepted (perhaps with warnings); invalid: rejected for its own findings; skipped: not validated, because
 * something above it failed or the walk does not validate its type (its findings say which); unreached: in the
 * snapshot, but no manifest of a validated CA lists it.
 */
export type ObjectStatus = 'valid' | 'invalid' | 'skipped' | 'unreached';

export interface ObjectReport {
  uri: string;
  type: ObjectType;
  status: ObjectStatus;
  findings: Finding[];
  /** Name of the TAL whose tree this object is in. */
  ta?: string;
  /** URI of the certificate that issued the object (for a signed object: its EE certificate's issuer). */
  issuer?: string;
  /** URI of the manifest that lists the object. */
  manifest?: string;
  /** A one-line summary for lists ("AS64496: 3 prefixes"). */
  summary?: string;
  /** Subject Key Identifier of a certificate, lowercase hex (RFC 6487 §4.8.2): how a child finds its issuer. */
  ski?: string;
  /**
   * ASNs and prefixes (RFC 5952 text) of a ROA or ASPA that yielded no payload, so a search by AS or prefix finds
   * it too; payloads that validated are searched in the payload tables themselves.
   */
  asns?: number[];
  prefixes?: string[];
}

/** Validated ROA Payload (RFC 6811 §2): `prefix` in RFC 5952 text form. */
export interface Vrp {
  asn: number;
  prefix: string;
  maxLength: number;
  ta: string;
  /** Unix seconds: the soonest notAfter / nextUpdate on the path, as rpki-client computes it. */
  expires: number;
  /** The ROA the payload comes from. */
  roa: string;
}

/** Validated ASPA payload: a customer AS and its provider ASes. */
export interface AspaPayload {
  customer: number;
  providers: number[];
  ta: string;
  expires: number;
  uri: string;
}

/** BGPsec router key (RFC 8209): ASN, SKI and the SubjectPublicKeyInfo, base64. */
export interface RouterKey {
  asn: number;
  ski: string;
  pubkey: string;
  ta: string;
  expires: number;
  uri: string;
}

export interface TalInput {
  /** The TAL's name: its file name without `.tal`, as rpki-client names trust anchors. */
  name: string;
  uris: string[];
  spki: Uint8Array;
}

export interface ValidationOptions {
  /** Evaluation time, Unix seconds. */
  time: number;
  crypto: RpkiCrypto;
  /** Called as the walk advances; cheap to call often. */
  onProgress?: (p: Progress) => void;
  /** Gets reports as they become final (a publication point's once its CAs are admitted), to store them early. */
  onReports?: (reports: readonly ObjectReport[]) => void;
  /** false: reports go to onReports only and the result's list stays empty (a host that stores them holds none). */
  keepReports?: boolean;
  /** Stops the walk between publication points. */
  signal?: AbortSignal;
}

export interface Progress {
  phase: 'trust-anchors' | 'publication-points' | 'sweep' | 'done';
  objectsDone: number;
  publicationPoints: number;
  publicationPointsQueued: number;
}

export interface ValidationResult {
  time: number;
  reports: ObjectReport[];
  vrps: Vrp[];
  aspas: AspaPayload[];
  routerKeys: RouterKey[];
}
