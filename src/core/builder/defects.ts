/**
 * Deliberate defects the repository builder can inject, each into the plan of one member CA before anything is
 * signed (or, for the manifest tampering, after). Each names the finding our walk must report and the object it must
 * report it on; the same defects make rpki-client 8.2 drop the same payloads.
 */
import type { FindingCode } from '../report/catalog.ts';
import { EContentType } from '../objects/signed-object.ts';
import type { CaPlan, RoaPlan } from './plan.ts';

const DAY = 86400;

export interface DefectInfo {
  /** For trainers: what was done, what a validator should conclude and why. */
  description: string;
  /** The finding our validation walk reports. */
  code: FindingCode;
  /** Changes the plan of member CA `ca` (built at Unix time `time`) and returns the URI the finding is on. */
  apply(ca: CaPlan, time: number): string;
}

function firstRoa(ca: CaPlan): RoaPlan {
  const roa = ca.objects.find((o): o is RoaPlan => o.type === 'roa');
  if (!roa) throw new Error(`${ca.name} issues no ROA to hold the defect`);
  roa.spoiled = true;
  return roa;
}

/** Tampers with a file after the manifest is signed: the manifest fails, and the finding is on it. */
function tamper(ca: CaPlan, kind: NonNullable<CaPlan['tamper']>['kind'], uri: string): string {
  ca.tamper = { kind, uri };
  ca.spoiled = true;
  return ca.mftUri;
}

/** The ROA, or else the CRL, of a publication point: a file to tamper with after the manifest is signed. */
function listedFile(ca: CaPlan): string {
  return ca.objects.find((o) => o.type === 'roa')?.uri ?? ca.crlUri;
}

export const DEFECTS = {
  'bad-cms-signature': {
    description:
      "One bit of a ROA's CMS signature was flipped after signing. The signature no longer verifies with the EE certificate's key, so the ROA is rejected (RFC 6488 §3).",
    code: 'cms.signature.invalid',
    apply(ca) {
      const roa = firstRoa(ca);
      roa.corrupt = true;
      return roa.uri;
    },
  },
  'bad-cert-signature': {
    description:
      "One bit of a CA certificate's signature was flipped after signing. The certificate does not verify with its issuer's key (RFC 5280 §6.1.3), so the CA and everything below it is rejected.",
    code: 'cert.signature.invalid',
    apply(ca) {
      ca.corrupt = true;
      ca.spoiled = true;
      return ca.certUri;
    },
  },
  'expired-ee': {
    description:
      "A ROA's EE certificate expired the day before the repository was built (notAfter in the past), so the ROA is rejected (RFC 6487 §7.2, RFC 5280 §6.1.3).",
    code: 'cert.validity.expired',
    apply(ca, time) {
      const roa = firstRoa(ca);
      roa.ee.notBefore = time - 2 * DAY;
      roa.ee.notAfter = time - DAY;
      return roa.uri;
    },
  },
  'not-yet-valid-ee': {
    description:
      "A ROA's EE certificate only becomes valid after every other object of the repository has gone stale (notBefore in the future), so the ROA is rejected (RFC 5280 §6.1.3).",
    code: 'cert.validity.not-yet-valid',
    apply(ca) {
      const roa = firstRoa(ca);
      const span = roa.ee.notAfter - roa.ee.notBefore;
      roa.ee.notBefore = roa.ee.notAfter;
      roa.ee.notAfter += span;
      return roa.uri;
    },
  },
  'expired-ca': {
    description:
      'A member CA certificate expired the day before the repository was built. The CA cannot vouch for anything, so its whole publication point is lost (RFC 6487 §7.2).',
    code: 'cert.validity.expired',
    apply(ca, time) {
      ca.cert.notBefore = time - 2 * DAY;
      ca.cert.notAfter = time - DAY;
      ca.spoiled = true;
      return ca.certUri;
    },
  },
  'revoked-ee': {
    description:
      "A ROA's EE certificate is listed on its CA's CRL. A revoked certificate validates nothing, so the ROA is rejected (RFC 6487 §7.2, RFC 5280 §6.3).",
    code: 'cert.revoked',
    apply(ca) {
      const roa = firstRoa(ca);
      ca.crl.revoked.push(roa.ee.serial);
      return roa.uri;
    },
  },
  'overclaim-roa': {
    description:
      "A ROA lists one prefix more than its EE certificate holds (the prefix is the CA's, but not the EE's). RFC 9582 §5 rejects the whole ROA, not just the extra prefix.",
    code: 'roa.prefix.outside-ee',
    apply(ca) {
      const roa = firstRoa(ca);
      roa.content.prefixes.push({ prefix: ca.spare });
      return roa.uri;
    },
  },
  'overclaim-ca': {
    description:
      "A member CA certificate claims an IPv4 block its parent does not hold. Without RFC 8360's reconsidered validation the certificate is rejected (RFC 6487 §7.2, RFC 3779 §2.3), taking the CA's publication point with it.",
    code: 'cert.resources.overclaim',
    apply(ca) {
      const parent = ca.parent!.held.ipv4;
      const own = ca.held.ipv4;
      const size = own.max - own.min + 1n;
      const min = parent.max + size <= 0xffffffffn ? parent.max + 1n : parent.min - size;
      ca.cert.resources = { ...ca.cert.resources, ip: { ...ca.cert.resources.ip, ipv4: [own, { min, max: min + size - 1n }] } };
      ca.spoiled = true;
      return ca.certUri;
    },
  },
  'mft-hash-mismatch': {
    description:
      "A file was changed after the manifest was signed, so its SHA-256 no longer matches the manifest's. RFC 9286 §6.5 treats the publication point's manifest as failed: nothing in it is used.",
    code: 'mft.file-hash.mismatch',
    apply: (ca) => tamper(ca, 'modify', listedFile(ca)),
  },
  'mft-missing-file': {
    description:
      'A file listed on the manifest is missing from the repository. RFC 9286 §6.4 treats the manifest as failed: nothing in the publication point is used.',
    code: 'mft.file.missing',
    apply: (ca) => tamper(ca, 'remove', listedFile(ca)),
  },
  'mft-without-crl': {
    description:
      "The CA's CRL is published but left off its manifest. RFC 9286 §6.4 requires the manifest to list exactly one CRL, so the manifest fails, and with it the whole publication point.",
    code: 'mft.crl.missing',
    apply: (ca) => tamper(ca, 'unlist', ca.crlUri),
  },
  'crl-not-crldp': {
    description:
      "The CA's CRL is published and listed on the manifest under another name than the one its certificates' CRL distribution point gives. The manifest then lists no CRL by the name the CA's products point to (RFC 6487 §4.8.6), so the manifest and the whole publication point fail.",
    code: 'mft.crl.not-crldp',
    apply: (ca) => tamper(ca, 'rename', ca.crlUri),
  },
  'stale-mft': {
    description:
      "A manifest's nextUpdate passed the day before the repository was built. A stale manifest fails (RFC 9286 §6.3), and with it the whole publication point.",
    code: 'mft.stale',
    apply(ca, time) {
      ca.manifest.thisUpdate = time - 2 * DAY;
      ca.manifest.nextUpdate = time - DAY;
      ca.manifest.ee.notBefore = time - 2 * DAY;
      ca.spoiled = true;
      return ca.mftUri;
    },
  },
  'mft-update-order': {
    description:
      "A manifest's thisUpdate is later than its nextUpdate. RFC 9286 §4.2.1 requires nextUpdate to be later than thisUpdate, so the manifest is malformed, and the whole publication point fails.",
    code: 'mft.update.order',
    apply(ca) {
      ca.manifest.thisUpdate = ca.manifest.nextUpdate + DAY;
      ca.spoiled = true;
      return ca.mftUri;
    },
  },
  'stale-crl': {
    description:
      "A CRL's nextUpdate passed the day before the repository was built. Without a current CRL nothing the CA issued can be checked for revocation, so the manifest and the publication point fail (RFC 9286 §6.4).",
    code: 'crl.stale',
    apply(ca, time) {
      ca.crl.thisUpdate = time - 2 * DAY;
      ca.crl.nextUpdate = time - DAY;
      ca.spoiled = true;
      return ca.crlUri;
    },
  },
  'bad-crl-signature': {
    description:
      "One bit of a CRL's signature was flipped after signing. The CRL does not verify with its CA's key (RFC 6487 §5), so the CA's revocations are unknown: the manifest and with it the whole publication point fail (RFC 9286 §6.4).",
    code: 'crl.signature.invalid',
    apply(ca) {
      ca.crl.corrupt = true;
      ca.spoiled = true;
      return ca.crlUri;
    },
  },
  'crl-not-yet-valid': {
    description:
      "A CRL's thisUpdate lies in the future, a day before its nextUpdate. A CRL not yet in force gives no current revocation status (RFC 5280 §6.3.3), so the manifest and the whole publication point fail (RFC 9286 §6.4).",
    code: 'crl.not-yet-valid',
    apply(ca) {
      ca.crl.thisUpdate = ca.crl.nextUpdate - DAY;
      ca.spoiled = true;
      return ca.crlUri;
    },
  },
  'max-length-below-prefix': {
    description:
      "A ROA entry's maxLength is one less than its prefix length, which RFC 9582 §4.3.2.2 forbids. The whole ROA is malformed and rejected.",
    code: 'roa.max-length.below-prefix',
    apply(ca) {
      const roa = firstRoa(ca);
      const first = roa.content.prefixes[0];
      first.maxLength = first.prefix.len - 1;
      return roa.uri;
    },
  },
  'wrong-econtent-type': {
    description:
      "A ROA carries the manifest's eContentType (1.2.840.113549.1.9.16.1.26) instead of the ROA's. RFC 6488 §3 requires the type the file name promises, so the ROA is rejected.",
    code: 'cms.e-content-type.unexpected',
    apply(ca) {
      const roa = firstRoa(ca);
      roa.eContentType = EContentType.mft;
      return roa.uri;
    },
  },
} as const satisfies Record<string, DefectInfo>;

export type DefectName = keyof typeof DEFECTS;

export const DEFECT_NAMES = Object.keys(DEFECTS) as DefectName[];

/** Flips the lowest bit of the last octet: for a certificate, CRL or signed object, a bit of its signature. */
export function flipLastBit(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[out.length - 1] ^= 1;
  return out;
}
