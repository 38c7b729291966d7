/** RFC 6488 §3: a signed object is valid when its EE certificate is, and its CMS digest and signature check out. */
import { bytesEqual } from '../crypto/crypto.ts';
import type { Crl } from '../objects/crl.ts';
import type { SignedObject } from '../objects/signed-object.ts';
import type { Findings } from '../report/finding.ts';
import type { ResourceSet } from '../resources/index.ts';
import { verifyIssued, type ValidCa, type VerifyContext } from './issuer.ts';

/** Returns the EE certificate's resolved resources when everything verifies, else undefined. */
export async function verifySignedObject(
  so: SignedObject,
  issuer: ValidCa,
  crl: Crl | undefined,
  ctx: VerifyContext,
  findings: Findings,
): Promise<ResourceSet | undefined> {
  const mark = findings.mark;
  const { signerInfo, ee } = so;
  const [resources, digest, signatureOk] = await Promise.all([
    // RFC 6488 §3 (3): the EE certificate validates against its issuer (RFC 6487 §7).
    verifyIssued(ee, issuer, crl, ctx, findings),
    ctx.crypto.sha256(so.eContent),
    // RFC 6488 §3 (2), RFC 5652 §5.4: the signature covers the DER of the signed attributes.
    ctx.crypto
      .importKey(ee.spki, ee.publicKey)
      .then((key) => ctx.crypto.verify(key, signerInfo.signature, signerInfo.signedAttrs))
      .catch(() => false), // a key WebCrypto refuses cannot have made a valid signature
  ]);
  // RFC 5652 §11.2: the message-digest attribute is the digest of the eContent.
  if (!bytesEqual(digest, signerInfo.messageDigest)) findings.add('cms.message-digest.mismatch');
  if (!signatureOk) findings.add('cms.signature.invalid');
  return findings.errorsSince(mark) ? undefined : resources;
}
