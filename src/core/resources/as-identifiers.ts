/**
 * The Autonomous System Identifier Delegation extension (id-pe-autonomousSysIds, 1.3.6.1.5.5.7.1.8) of RFC 3779
 * §3.2.3, with the RPKI profile of RFC 6487 §4.8.11.
 *
 *   ASIdentifiers       ::= SEQUENCE {
 *       asnum               [0] EXPLICIT ASIdentifierChoice OPTIONAL,
 *       rdi                 [1] EXPLICIT ASIdentifierChoice OPTIONAL}
 *   ASIdentifierChoice  ::= CHOICE {
 *      inherit              NULL, -- inherit from issuer --
 *      asIdsOrRanges        SEQUENCE OF ASIdOrRange }
 *   ASIdOrRange         ::= CHOICE {
 *       id                  ASId,
 *       range               ASRange }
 *   ASRange             ::= SEQUENCE {
 *       min                 ASId,
 *       max                 ASId }
 *   ASId                ::= INTEGER
 */
import type { Findings, Params } from '../report/finding.ts';
import type { FindingCode } from '../report/catalog.ts';
import { Tag, ctx, type Tlv } from '../der/reader.ts';
import { readInt, readNull } from '../der/values.ts';
import { AS_MAX, formatAsRange, formatAsn, type AsFamily, type AsRange, type AsResources } from './as.ts';
import { readChoice, requireTag, unexpectedChoice } from './choice.ts';
import { normaliseAs } from './resource-set.ts';
import { encodingIssues } from './spans.ts';

export type AsIdOrRange = { kind: 'id'; id: number } | { kind: 'range'; min: number; max: number };

export interface AsIdentifiers {
  asnum?: 'inherit' | AsIdOrRange[];
  rdi?: 'inherit' | AsIdOrRange[];
  /** Per member: 'inherit' or the normalised ranges. */
  resources: AsResources;
}

export function decodeAsIdentifiers(t: Tlv, findings: Findings): AsIdentifiers {
  requireTag(t, Tag.SEQUENCE, 'ASIdentifiers');
  const r = t.children('ASIdentifiers');
  const asnumTlv = r.optional(ctx(0), 'asnum');
  const rdiTlv = r.optional(ctx(1), 'rdi');
  r.finish();
  const out: AsIdentifiers = { resources: {} };
  // RFC 6487 §4.8.11: AS numbers (or inherit) present, RDIs MUST NOT be used.
  if (!asnumTlv) findings.add('resources.as.asnum-missing', {}, t.range);
  if (rdiTlv) findings.add('resources.as.rdi-present', {}, rdiTlv.range);
  if (asnumTlv) {
    const c = decodeChoice(asnumTlv, 'asnum', findings);
    out.asnum = c.entries;
    out.resources.asnum = c.resources;
  }
  if (rdiTlv) {
    const c = decodeChoice(rdiTlv, 'rdi', findings);
    out.rdi = c.entries;
    out.resources.rdi = c.resources;
  }
  return out;
}

function readAsId(t: Tlv): number {
  requireTag(t, Tag.INTEGER, t.field);
  return readInt(t, 0, AS_MAX);
}

function decodeChoice(
  explicit: Tlv,
  member: 'asnum' | 'rdi',
  findings: Findings,
): { entries: 'inherit' | AsIdOrRange[]; resources: AsFamily } {
  const er = explicit.children(member);
  const t = readChoice(er, member, 'NULL or SEQUENCE');
  er.finish();
  if (t.tag === Tag.NULL) {
    readNull(t);
    return { entries: 'inherit', resources: 'inherit' };
  }
  if (t.tag !== Tag.SEQUENCE) unexpectedChoice(t, member, 'NULL or SEQUENCE');
  // One finding of each kind per member, however many entries share the defect.
  const reported = new Set<FindingCode>();
  const report = (code: FindingCode, params: Params, at: Tlv) => {
    if (reported.has(code)) return;
    reported.add(code);
    findings.add(code, params, at.range);
  };
  const entries: AsIdOrRange[] = [];
  const spans: AsRange[] = [];
  const tlvs: Tlv[] = [];
  for (const e of t.children('asIdsOrRanges').each('ASIdOrRange')) {
    if (e.tag === Tag.INTEGER) {
      const id = readAsId(e);
      entries.push({ kind: 'id', id });
      spans.push({ min: id, max: id });
      tlvs.push(e);
      continue;
    }
    if (e.tag !== Tag.SEQUENCE) unexpectedChoice(e, 'ASIdOrRange', 'INTEGER or SEQUENCE');
    const rr = e.children('ASRange');
    const min = readAsId(rr.expect(Tag.INTEGER, 'min'));
    const max = readAsId(rr.expect(Tag.INTEGER, 'max'));
    rr.finish();
    // §3.2.3.8: min below max; a single AS is an id, not a range.
    if (min > max) {
      report('resources.as.range-reversed', { member, min: formatAsn(min), max: formatAsn(max) }, e);
      continue;
    }
    if (min === max) report('resources.as.range-singular', { member, asn: formatAsn(min) }, e);
    entries.push({ kind: 'range', min, max });
    spans.push({ min, max });
    tlvs.push(e);
  }
  // RFC 6487 §4.8.11: an explicit list must not be empty.
  if (t.length === 0) report('resources.as.empty', { member }, t);
  // §3.2.3.4: sorted, not overlapping, contiguous identifiers combined.
  for (const { issue, index } of encodingIssues(spans, (x) => x + 1)) {
    const params = { member, previous: formatAsRange(spans[index - 1]), entry: formatAsRange(spans[index]) };
    report(`resources.as.${issue}`, params, tlvs[index]);
  }
  return { entries, resources: normaliseAs(spans) };
}
