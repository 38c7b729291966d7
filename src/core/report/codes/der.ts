import type { CodeInfo } from '../catalog.ts';

const X690 = 'X.690';

/** Encoding findings: ITU-T X.690 §8 (BER) and §10–11 (the DER restrictions RPKI objects must follow). */
export const derCodes = {
  'der.truncated': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8.1.1' },
    sentence: '{field}: the encoding needs {need} bytes but only {have} remain.',
    why: 'Every TLV announces its length; an object cut short (an interrupted download, a broken archive) cannot be read.',
  },
  'der.trailing-bytes': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '10.1' },
    sentence: '{field}: {count} unexpected bytes follow the encoding.',
    why: 'A DER object is exactly one TLV; bytes after it mean the file is not what it claims to be, or was tampered with.',
  },
  'der.tag.unexpected': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8.1.2' },
    sentence: '{field}: expected {expected} but found tag {found}.',
    why: 'The ASN.1 module fixes the type of each field; a different tag means the object does not follow its profile.',
  },
  'der.tag.missing': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8.1.2' },
    sentence: '{field}: expected {expected} but the enclosing value ends here.',
    why: 'A mandatory field of the ASN.1 structure is absent.',
  },
  'der.tag.high-number': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8.1.2.4' },
    sentence: '{field}: high-tag-number form is not used by any RPKI structure.',
    why: 'No RPKI ASN.1 module uses tag numbers above 30; such a tag means the bytes are not an RPKI object.',
  },
  'der.length.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8.1.3.5' },
    sentence: '{field}: the length octets are invalid ({reason}).',
    why: 'The length uses a reserved value or more octets than any RPKI object could need.',
  },
  'der.length.non-minimal': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '10.1' },
    sentence: '{field}: the length is not encoded in the minimum number of octets.',
    why: 'DER allows exactly one encoding of each value so that signatures over re-encoded data stay valid; RFC 6488 §2.1 and RFC 5280 §4.1 require DER.',
  },
  'der.length.indefinite': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '10.1' },
    sentence: '{field}: indefinite length is not allowed here.',
    why: 'DER forbids indefinite lengths. Validators tolerate them only in the CMS wrapper of signed objects, where older software produced them.',
  },
  'der.ber.indefinite-length': {
    severity: 'warning',
    stage: 'decode',
    spec: { rfc: 6488, section: '2.1' },
    sentence: 'The CMS wrapper uses BER indefinite lengths; RFC 6488 requires DER.',
    why: 'Older RPKI software (early RIPE NCC, ARIN and LACNIC signers) emitted BER in the CMS wrapper. rpki-client, Routinator and FORT accept it, so RPKI Lens does too, and says so.',
  },
  'der.ber.length-non-minimal': {
    severity: 'warning',
    stage: 'decode',
    spec: { rfc: 6488, section: '2.1' },
    sentence: 'The CMS wrapper gives a length in more octets than it needs (BER); RFC 6488 requires DER.',
    why: 'DER encodes every length in its shortest form (X.690 §10.1); BER allows longer ones. Production validators accept BER in the CMS wrapper, so RPKI Lens does too, and says so.',
  },
  'der.ber.constructed-string': {
    severity: 'warning',
    stage: 'decode',
    spec: { rfc: 6488, section: '2.1' },
    sentence: '{field}: the string is BER constructed (split into segments); RFC 6488 requires DER.',
    why: 'BER allows an OCTET STRING to be sent in pieces; DER does not. Production validators accept it in the CMS wrapper.',
  },
  'der.nesting.too-deep': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8.1.5' },
    sentence: 'Indefinite-length values nest more than {limit} levels deep.',
    why: 'No RPKI object nests this deep; the limit keeps hostile input from exhausting the stack.',
  },
  'der.value.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8' },
    sentence: '{field}: invalid {type} encoding ({reason}).',
    why: 'The contents octets do not form a valid value of their type.',
  },
  'der.value.non-canonical': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '11' },
    sentence: '{field}: the {type} is not in its DER form ({reason}).',
    why: 'DER fixes one encoding per value (minimal integers, 0xFF for TRUE, zero unused bits, sorted SET OF); a different one means the object was not DER-encoded as RFC 6488 §2.1 and RFC 5280 §4.1 require.',
  },
  'der.value.out-of-range': {
    severity: 'error',
    stage: 'decode',
    spec: { itu: X690, section: '8.3' },
    sentence: '{field}: the value {value} is outside the allowed range {range}.',
    why: 'The profile bounds this value; a value outside the bounds cannot be meant.',
  },
  'der.time.invalid': {
    severity: 'error',
    stage: 'decode',
    spec: { rfc: 5280, section: '4.1.2.5' },
    sentence: '{field}: "{value}" is not a valid {type}.',
    why: 'RFC 5280 fixes times to YYMMDDHHMMSSZ (UTCTime, before 2050) or YYYYMMDDHHMMSSZ (GeneralizedTime), always in UTC with seconds and no fractions.',
  },
} as const satisfies Record<string, CodeInfo>;
