/**
 * The time-dependent checks one object can answer alone, for inspecting a single file "as of" a time: validity of
 * a certificate or a signed object's EE certificate (RFC 5280 §6.1.3), currency of a CRL (RFC 5280 §6.3.3) or
 * manifest (RFC 9286 §6.3). The same codes as the walk, so a finding means the same wherever it appears.
 */
import type { DecodedObject } from '../objects/object.ts';
import type { Findings } from '../report/finding.ts';
import { isoTime } from '../time.ts';
import { checkValidity } from './issuer.ts';

export function checkAt(d: DecodedObject, time: number, findings: Findings): void {
  if (!d.value) return;
  if (d.type === 'cer') checkValidity(d.value, time, findings);
  else if (d.type === 'crl') {
    if (time < d.value.thisUpdate) findings.add('crl.not-yet-valid', { thisUpdate: isoTime(d.value.thisUpdate) });
    if (time > d.value.nextUpdate) findings.add('crl.stale', { nextUpdate: isoTime(d.value.nextUpdate) });
  } else if (d.type !== 'tal') {
    checkValidity(d.value.signedObject.ee, time, findings);
    if (d.type === 'mft') {
      if (time < d.value.thisUpdate) findings.add('mft.not-yet-valid', { thisUpdate: isoTime(d.value.thisUpdate) });
      if (time > d.value.nextUpdate) findings.add('mft.stale', { nextUpdate: isoTime(d.value.nextUpdate) });
    }
  }
}
