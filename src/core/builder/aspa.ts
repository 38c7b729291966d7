/**
 * Autonomous System Provider Authorization content, draft-ietf-sidrops-aspa-profile (the current profile, eContentType
 * 1.2.840.113549.1.9.16.1.49, version 1).
 *
 *   ASProviderAttestation ::= SEQUENCE { version [0] INTEGER DEFAULT 0, customerASID ASID, providers ProviderASSet }
 *   ProviderASSet ::= SEQUENCE (SIZE(1..MAX)) OF ASID
 */
import { encode, explicit, integer, sequence } from '../der/writer.ts';

export interface AspaContent {
  customer: number;
  /** Written in ascending order without duplicates, as the profile requires. */
  providers: number[];
}

/** The eContent DER: version 1, explicitly encoded. */
export function aspaContent(a: AspaContent): Uint8Array {
  const providers = [...new Set(a.providers)].sort((x, y) => x - y);
  return encode(sequence(explicit(0, integer(1)), integer(a.customer), sequence(...providers.map((p) => integer(p)))));
}
