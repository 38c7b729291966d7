/**
 * Time, RFC 5280 §4.1.2.5 (certificate validity) and §5.1.2.4–§5.1.2.6 (CRL times, which follow the same rule).
 *
 *   Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }
 */
import { Tag, type Tlv } from '../der/reader.ts';
import { readTime } from '../der/values.ts';
import type { Findings } from '../report/finding.ts';
import { isoTime } from '../time.ts';

/** 2050-01-01T00:00:00Z: from here on a Time must be GeneralizedTime, before it UTCTime. */
const YEAR_2050 = Date.UTC(2050, 0, 1) / 1000;

/** Unix seconds; a GeneralizedTime before 2050 is read but reported (RFC 5280 §4.1.2.5: it MUST be UTCTime). */
export function readX509Time(t: Tlv, findings: Findings): number {
  const time = readTime(t);
  if (t.tag === Tag.GeneralizedTime && time < YEAR_2050) {
    findings.add('x509.time.generalized-before-2050', { field: t.field, time: isoTime(time) }, t.range);
  }
  return time;
}
