/**
 * The signed envelope shared by certificates and CRLs, RFC 5280 §4.1.1 and §5.1.1:
 *   SEQUENCE { tbs SEQUENCE, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 */
import { Tag, type Tlv } from '../der/reader.ts';
import { readBitString } from '../der/values.ts';
import { decodeAlgorithmIdentifier, type AlgorithmIdentifier } from './algorithm.ts';

export interface SignedEnvelope {
  /** The to-be-signed part, whose DER the signature covers. */
  tbs: Tlv;
  outer: AlgorithmIdentifier;
  signature: Uint8Array;
}

/** Reads the envelope `t`; `tbsField` names its first field ('tbsCertificate', 'tbsCertList'). Throws Reject. */
export function readSignedEnvelope(t: Tlv, tbsField: string): SignedEnvelope {
  const c = t.children();
  const tbs = c.expect(Tag.SEQUENCE, tbsField);
  const outer = decodeAlgorithmIdentifier(c.expect(Tag.SEQUENCE, 'signatureAlgorithm'));
  const sigT = c.expect(Tag.BIT_STRING, 'signatureValue');
  c.finish();
  const sig = readBitString(sigT);
  if (sig.unused !== 0) sigT.reject('a signature is a whole number of octets');
  return { tbs, outer, signature: sig.bytes };
}
