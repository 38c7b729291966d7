/**
 * Manifest content, RFC 9286 §4.2.
 *
 *   Manifest ::= SEQUENCE { version [0] INTEGER DEFAULT 0, manifestNumber INTEGER (0..MAX),
 *     thisUpdate GeneralizedTime, nextUpdate GeneralizedTime, fileHashAlg OBJECT IDENTIFIER,
 *     fileList SEQUENCE SIZE (0..MAX) OF FileAndHash }
 *   FileAndHash ::= SEQUENCE { file IA5String, hash BIT STRING }
 */
import { bitString, encode, generalizedTime, ia5String, integer, oid, sequence } from '../der/writer.ts';

const SHA256 = '2.16.840.1.101.3.4.2.1';

export interface ManifestContent {
  manifestNumber: bigint;
  /** Unix seconds. */
  thisUpdate: number;
  nextUpdate: number;
  /** File names (RFC 9286 §4.2.2) and their SHA-256 hashes, listed in name order. */
  files: { name: string; hash: Uint8Array }[];
}

/** The eContent DER; the version is the default 0 and therefore absent. */
export function manifestContent(m: ManifestContent): Uint8Array {
  const files = [...m.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return encode(
    sequence(
      integer(m.manifestNumber),
      generalizedTime(m.thisUpdate),
      generalizedTime(m.nextUpdate),
      oid(SHA256),
      sequence(...files.map((f) => sequence(ia5String(f.name), bitString(f.hash)))),
    ),
  );
}
