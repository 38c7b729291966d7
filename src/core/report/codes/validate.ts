import type { CodeInfo } from '../catalog.ts';

/** Findings of the verify stage (an object against its issuer) and of the walk over a repository. */
export const validateCodes = {
  'cert.signature.invalid': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.1.3' },
    sentence: 'The signature does not verify with the key of the issuer {issuer}.',
    why: 'Only the holder of the issuing CA\'s private key can make a valid signature; a bad one means the certificate was altered or not issued by this CA.',
  },
  'cert.validity.expired': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.1.3' },
    sentence: 'The certificate expired at {notAfter}.',
    why: 'A certificate vouches for its resources only within its validity period (RFC 6487 §4.6).',
  },
  'cert.validity.not-yet-valid': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.1.3' },
    sentence: 'The certificate is not valid before {notBefore}.',
    why: 'A certificate vouches for its resources only within its validity period (RFC 6487 §4.6); check the evaluation time.',
  },
  'cert.revoked': {
    severity: 'error', stage: 'verify', spec: { rfc: 6487, section: '7.2' },
    sentence: 'Serial {serial} is on the issuer\'s CRL: the certificate is revoked.',
    why: 'A CA withdraws a certificate, and everything signed with its key, by listing its serial on its CRL.',
  },
  'cert.issuer.mismatch': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.1.3' },
    sentence: 'The issuer name "{issuer}" is not the issuing CA\'s subject "{expected}".',
    why: 'Each certificate names its issuer; in a valid chain that name is the subject of the certificate above it.',
  },
  'cert.aki.mismatch': {
    severity: 'error', stage: 'verify', spec: { rfc: 6487, section: '4.8.3' },
    sentence: 'The Authority Key Identifier {aki} is not the issuer\'s Subject Key Identifier {ski}.',
    why: 'The AKI names the key that signed the certificate; RPKI finds issuers by it, so it must match the issuing CA\'s SKI.',
  },
  'cert.resources.overclaim': {
    severity: 'error', stage: 'verify', spec: { rfc: 6487, section: '7.2' },
    sentence: 'The certificate claims resources its issuer does not hold: {resources}.',
    why: 'A CA can only certify resources it holds itself (RFC 3779 §2.3, §3.3). Without reconsidered validation (RFC 8360) an over-claiming certificate is rejected whole.',
  },
  'crl.signature.invalid': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.3.3' },
    sentence: 'The CRL signature does not verify with the key of the CA {issuer}.',
    why: 'A CRL is only authoritative when signed by the CA whose certificates it revokes (RFC 6487 §5).',
  },
  'crl.issuer.mismatch': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.3.3' },
    sentence: 'The CRL issuer "{issuer}" is not the CA\'s subject "{expected}".',
    why: 'The CRL must come from the CA that issued the certificates it covers.',
  },
  'crl.aki.mismatch': {
    severity: 'error', stage: 'verify', spec: { rfc: 6487, section: '5' },
    sentence: 'The CRL\'s Authority Key Identifier {aki} is not the CA\'s Subject Key Identifier {ski}.',
    why: 'The AKI ties the CRL to the key of the CA that signed it.',
  },
  'crl.stale': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.3.3' },
    sentence: 'The CRL is stale: its next update was due at {nextUpdate}.',
    why: 'A stale CRL may miss recent revocations, so nothing it covers can be trusted; RFC 9286 §6.4 makes the whole publication point fail.',
  },
  'crl.not-yet-valid': {
    severity: 'error', stage: 'verify', spec: { rfc: 5280, section: '6.3.3' },
    sentence: 'The CRL is not yet valid: its this-update time is {thisUpdate}.',
    why: 'A CRL issued in the future points at a wrong clock at the CA or a wrong evaluation time.',
  },
  'cms.message-digest.mismatch': {
    severity: 'error', stage: 'verify', spec: { rfc: 6488, section: '3' },
    sentence: 'The message-digest attribute is not the SHA-256 of the eContent.',
    why: 'The signature covers the digest, not the content itself; a mismatch means the content changed after signing (RFC 5652 §11.2).',
  },
  'cms.signature.invalid': {
    severity: 'error', stage: 'verify', spec: { rfc: 6488, section: '3' },
    sentence: 'The CMS signature does not verify with the EE certificate\'s key.',
    why: 'The EE certificate\'s key must have signed the signed attributes (RFC 5652 §5.4); otherwise the object was altered or forged.',
  },
  'mft.stale': {
    severity: 'error', stage: 'verify', spec: { rfc: 9286, section: '6.3' },
    sentence: 'The manifest is stale: its next update was due at {nextUpdate}.',
    why: 'A stale manifest may hide withdrawn or replaced objects; RFC 9286 treats it as a failed fetch of the whole publication point.',
  },
  'mft.not-yet-valid': {
    severity: 'error', stage: 'verify', spec: { rfc: 9286, section: '6.3' },
    sentence: 'The manifest is premature: its this-update time is {thisUpdate}.',
    why: 'A manifest issued in the future is treated as a failed fetch of the publication point.',
  },
  'mft.crl.missing': {
    severity: 'error', stage: 'verify', spec: { rfc: 9286, section: '6.4' },
    sentence: 'The manifest lists no CRL.',
    why: 'Every publication point has exactly one current CRL, listed on its manifest; without it no object there can be checked for revocation.',
  },
  'mft.crl.multiple': {
    severity: 'error', stage: 'verify', spec: { rfc: 9286, section: '6.4' },
    sentence: 'The manifest lists {count} CRLs; exactly one is allowed.',
    why: 'With several CRLs it is unclear which revocations apply, so the publication point is rejected.',
  },
  'mft.crl.not-crldp': {
    severity: 'error', stage: 'verify', spec: { rfc: 6487, section: '4.8.6' },
    sentence: 'The manifest lists the CRL {file}, but its EE certificate names {crldp} as its CA\'s CRL.',
    why: 'The CRL distribution point names the CRL that holds the CA\'s revocations; a manifest listing another file under that name gives no current CRL to check against.',
  },
  'mft.crl.invalid': {
    severity: 'error', stage: 'verify', spec: { rfc: 9286, section: '6.4' },
    sentence: 'The CRL {file} listed on the manifest is not valid (see its own findings).',
    why: 'Without a valid current CRL nothing in the publication point can be checked for revocation.',
  },
  'mft.file.missing': {
    severity: 'error', stage: 'verify', spec: { rfc: 9286, section: '6.4' },
    sentence: 'The manifest lists {file}, which the repository does not hold.',
    why: 'A missing file may be a withdrawn ROA that an attacker suppressed; RFC 9286 treats it as a failed fetch of the whole publication point.',
  },
  'mft.file-hash.mismatch': {
    severity: 'error', stage: 'verify', spec: { rfc: 9286, section: '6.5' },
    sentence: 'The SHA-256 of {file} differs from the manifest\'s.',
    why: 'The file is not the one the CA published (replaced, corrupted or replayed); RFC 9286 rejects the whole publication point.',
  },







  'tak.issuer.not-ta': {
    severity: 'error', stage: 'verify', spec: { rfc: 9691, section: '5' },
    sentence: 'The TAK object is not issued directly under a trust anchor.',
    why: 'A Trust Anchor Key object speaks for a trust anchor, so the trust anchor itself must have issued its EE certificate.',
  },
  'chain.issuer.missing': {
    severity: 'warning', stage: 'walk', spec: { rfc: 6487, section: '7.2' },
    sentence: 'The snapshot holds no valid certificate with the key identifier {aki}: the file cannot be verified against it.',
    why: 'A file carries its own EE certificate but not the CA certificates above it; only a snapshot that validated its issuer can vouch for it.',
  },
  'chain.link.invalid': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '7.2' },
    sentence: 'The chain to the trust anchor breaks at {uri} ({cause}).',
    why: 'An object is valid only when every certificate from the trust anchor down to its issuer is; checked again now, this one is not.',
  },
  'chain.crl.missing': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '7.2' },
    sentence: 'The snapshot holds no valid CRL {uri} of the CA {ca}, so revocation cannot be checked.',
    why: 'Certification path validation checks each certificate against its issuer\'s current CRL; without the CRL no certificate under the CA can be accepted.',
  },
  'chain.unlisted': {
    severity: 'info', stage: 'walk', spec: { rfc: 9286, section: '6.4' },
    sentence: 'The chain and signatures verify; no manifest of the snapshot lists this file.',
    why: 'Relying parties use only what a CA\'s current manifest lists: a file checked on its own shows that its issuer signed it, not that it is published and in force.',
  },
  'walk.ta.missing': {
    severity: 'error', stage: 'walk', spec: { rfc: 8630, section: '3' },
    sentence: 'The trust anchor certificate of TAL {tal} is not in the snapshot (looked for {uris}).',
    why: 'Validation starts at the trust anchor certificate the TAL points to; without it nothing under this TAL can validate.',
  },
  'walk.ta.key-mismatch': {
    severity: 'error', stage: 'walk', spec: { rfc: 8630, section: '3' },
    sentence: 'The certificate\'s public key is not the key in TAL {tal}.',
    why: 'The TAL pins the trust anchor\'s key; a certificate with another key at the TAL\'s URI is not the trust anchor.',
  },
  'walk.ta.not-self-signed': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '7.1' },
    sentence: 'The certificate at the TAL\'s URI is a {kind} certificate, not a self-signed trust anchor.',
    why: 'A trust anchor certificate is a self-signed CA certificate.',
  },

  'walk.ta.signature-invalid': {
    severity: 'error', stage: 'walk', spec: { rfc: 8630, section: '3' },
    sentence: 'The trust anchor\'s self-signature does not verify with the TAL\'s key.',
    why: 'A trust anchor certificate is signed with its own key; a bad self-signature means it was altered.',
  },
  'walk.manifest.no-sia': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '4.8.8.1' },
    sentence: 'The CA certificate {ca} names no manifest in its SIA.',
    why: 'A CA\'s products are found through its manifest; without one none can be validated.',
  },
  'walk.manifest.missing': {
    severity: 'error', stage: 'walk', spec: { rfc: 9286, section: '6.2' },
    sentence: 'The manifest {uri} is not in the snapshot.',
    why: 'Without the manifest the CA\'s publication point cannot be validated; RFC 9286 treats this as a failed fetch.',
  },
  'walk.publication-point.rejected': {
    severity: 'error', stage: 'walk', spec: { rfc: 9286, section: '6.6' },
    sentence: 'Not validated: the publication point of {manifest} was rejected ({cause}).',
    why: 'When a manifest check fails, RFC 9286 §6.6 says to use nothing from that publication point, so every object it lists is set aside.',
  },
  'walk.object.missing': {
    severity: 'error', stage: 'walk', spec: { rfc: 9286, section: '6.4' },
    sentence: 'The manifest {manifest} lists {uri}, but the snapshot does not hold it.',
    why: 'A listed file that cannot be retrieved is a failed fetch of the publication point.',
  },
  'walk.object.hash-mismatch': {
    severity: 'error', stage: 'walk', spec: { rfc: 9286, section: '6.5' },
    sentence: 'The SHA-256 of {uri} differs from the hash the manifest {manifest} lists for it.',
    why: 'The file is not the one the CA published.',
  },
  'walk.object.not-validated': {
    severity: 'info', stage: 'walk', spec: { rfc: 9286, section: '6.4' },
    sentence: 'Objects of type "{type}" listed on a manifest are not validated by the walk.',
    why: 'Only certificates, ROAs, ASPAs, Ghostbusters records and TAKs produce anything a router or operator uses; other types are checked for presence and hash only.',
  },
  'walk.object.unreached': {
    severity: 'warning', stage: 'walk', spec: { rfc: 9286, section: '6.4' },
    sentence: 'No manifest of a validated CA lists this object.',
    why: 'Objects are reached only through manifests; an unlisted object is stale leftover, published elsewhere, or under a CA that failed validation.',
  },
  'walk.cert.unexpected-kind': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '4' },
    sentence: 'A {kind} certificate published as a file; only CA and router certificates stand alone.',
    why: 'EE certificates live inside their signed objects and trust anchors come from TALs.',
  },
  'walk.router.too-many-asns': {
    severity: 'error', stage: 'walk', spec: { rfc: 8209, section: '3.1.3.5' },
    sentence: 'The router certificate covers {count} AS numbers, more than the {limit} expanded.',
    why: 'A router certificate names the few ASes its router speaks for; a huge range is treated as hostile input.',
  },
  'walk.ca.duplicate-ski': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '4.8.2' },
    sentence: 'Another CA certificate ({holder}) already has the Subject Key Identifier {ski}.',
    why: 'Issuers are found by key identifier, so two CAs with one SKI would make the tree ambiguous; the first one visited is kept.',
  },
  'walk.ca.loop': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '7.2' },
    sentence: 'The CA certificate repeats the key {ski} of its ancestor {holder}: a loop.',
    why: 'A certification path never revisits a key; following the loop would never end.',
  },
  'walk.ca.too-deep': {
    severity: 'error', stage: 'walk', spec: { rfc: 6487, section: '7.2' },
    sentence: 'The CA is {depth} certificates below its trust anchor, deeper than the limit of {limit}.',
    why: 'Real trees are a handful of levels deep; a bound keeps crafted chains from exhausting the validator.',
  },
} as const satisfies Record<string, CodeInfo>;
