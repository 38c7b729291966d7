/**
 * BGPsec router certificates, RFC 8209 §3.1: an EE certificate for a P-256 key (RFC 8608 §3.1) with the
 * id-kp-bgpsec-router extended key usage, AS resources only, no SIA, published by its CA like a CA certificate.
 */
import { makeCertificate, type Issuer } from './cert.ts';
import type { EcPublicKey } from './keys.ts';

export interface RouterSpec {
  serial: bigint;
  /** The AS numbers the router speaks for. */
  asns: number[];
  key: EcPublicKey;
  /** Unix seconds. */
  notBefore: number;
  notAfter: number;
}

/** The subject commonName RFC 8209 §3.1.1 suggests: "ROUTER-" and the AS number in eight hex digits. */
export function routerSubject(asn: number): string {
  return `ROUTER-${asn.toString(16).toUpperCase().padStart(8, '0')}`;
}

export function makeRouterCertificate(spec: RouterSpec, issuer: Issuer): Promise<Uint8Array> {
  return makeCertificate(
    {
      kind: 'router',
      serial: spec.serial,
      subject: routerSubject(spec.asns[0]),
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      key: spec.key,
      resources: { as: { asnum: spec.asns.map((a) => ({ min: a, max: a })) } },
    },
    issuer,
  );
}
