import type { CodeInfo } from '../catalog.ts';

const issuerWhy =
  'RPKI names are plain identifiers, not directory entries: RFC 6487 allows one commonName (a PrintableString) and at most one serialNumber, so that names compare reliably when a relying party chains a certificate, CRL or manifest to its issuer.';
const subjectWhy =
  'RPKI names are plain identifiers, not directory entries: RFC 6487 allows one commonName (a PrintableString) and at most one serialNumber, so that every certificate a CA issues has a distinct, comparable subject name.';

/** Findings on the RFC 5280 parts shared by certificates and CRLs (names, times, algorithms, extensions). */
export const x509Codes = {
  'x509.extension.duplicate': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 5280, section: '4.2' },
    sentence: 'The {extension} extension appears more than once.',
    why: 'A certificate or CRL must not include more than one instance of an extension; with two, a reader cannot tell which one the issuer meant, and different validators could pick different ones.',
  },
  'x509.time.generalized-before-2050': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 5280, section: '4.1.2.5' },
    sentence: '{field} ({time}) is a GeneralizedTime; dates before 2050 must be encoded as UTCTime.',
    why: 'RFC 5280 fixes one encoding per date: UTCTime through 2049, GeneralizedTime from 2050. The same rule holds for CRL times (RFC 5280 §5.1.2.4, §5.1.2.5). Another encoding means the issuing software does not follow the profile.',
  },
  'x509.signature-algorithm.params-absent': {
    severity: 'info',
    stage: 'inspect',
    spec: { rfc: 4055, section: '5' },
    sentence: 'The {algorithm} AlgorithmIdentifier has no parameters; they should be NULL.',
    why: 'The parameters of sha256WithRSAEncryption are an ASN.1 NULL. Because of an old ASN.1 translation mishap, implementations must also accept them absent, and some issuers (ARIN until 2020) leave them out. Accepted.',
  },
  'x509.signature-algorithm.params-invalid': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 4055, section: '5' },
    sentence: 'The {algorithm} AlgorithmIdentifier carries parameters other than NULL.',
    why: 'sha256WithRSAEncryption takes no parameters: they are NULL (or, tolerated, absent). Anything else is a malformed algorithm identifier.',
  },

  'x509.issuer.common-name.missing': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.4' },
    sentence: 'The issuer name "{name}" has no commonName.',
    why: issuerWhy,
  },
  'x509.issuer.common-name.multiple': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.4' },
    sentence: 'The issuer name "{name}" has more than one commonName.',
    why: issuerWhy,
  },
  'x509.issuer.common-name.utf8': {
    severity: 'warning',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.4' },
    sentence: 'The issuer commonName "{value}" is a UTF8String; RFC 6487 wants a PrintableString.',
    why: `${issuerWhy} Some issuers (AFRINIC) encode the commonName as UTF8String; production validators accept it, so RPKI Lens warns.`,
  },
  'x509.issuer.common-name.string-type': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.4' },
    sentence: 'The issuer commonName "{value}" is neither a PrintableString nor a UTF8String.',
    why: issuerWhy,
  },
  'x509.issuer.serial-number.multiple': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.4' },
    sentence: 'The issuer name "{name}" has more than one serialNumber.',
    why: issuerWhy,
  },
  'x509.issuer.attribute.unexpected': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.4' },
    sentence: 'The issuer name has a {type} attribute; only commonName and serialNumber are allowed.',
    why: issuerWhy,
  },

  'x509.subject.common-name.missing': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.5' },
    sentence: 'The subject name "{name}" has no commonName.',
    why: subjectWhy,
  },
  'x509.subject.common-name.multiple': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.5' },
    sentence: 'The subject name "{name}" has more than one commonName.',
    why: subjectWhy,
  },
  'x509.subject.common-name.utf8': {
    severity: 'warning',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.5' },
    sentence: 'The subject commonName "{value}" is a UTF8String; RFC 6487 wants a PrintableString.',
    why: `${subjectWhy} Some issuers (AFRINIC) encode the commonName as UTF8String; production validators accept it, so RPKI Lens warns. BGPsec router certificates may use UTF8String (RFC 8209 §3.1.1).`,
  },
  'x509.subject.common-name.string-type': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.5' },
    sentence: 'The subject commonName "{value}" is neither a PrintableString nor a UTF8String.',
    why: subjectWhy,
  },
  'x509.subject.serial-number.multiple': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.5' },
    sentence: 'The subject name "{name}" has more than one serialNumber.',
    why: subjectWhy,
  },
  'x509.subject.attribute.unexpected': {
    severity: 'error',
    stage: 'inspect',
    spec: { rfc: 6487, section: '4.5' },
    sentence: 'The subject name has a {type} attribute; only commonName and serialNumber are allowed.',
    why: subjectWhy,
  },
} as const satisfies Record<string, CodeInfo>;
