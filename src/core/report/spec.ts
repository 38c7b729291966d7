/** Spec references as the CLI and the app show them: a label and the address of the text. */
import type { SpecRef } from './finding.ts';

/** RFC → rfc-editor.org with a section anchor; draft → datatracker; ITU-T → the Recommendation's page. */
export function specHref(spec: SpecRef): string {
  const anchor = spec.section ? sectionAnchor(spec.section) : '';
  if ('rfc' in spec) return `https://www.rfc-editor.org/rfc/rfc${spec.rfc}${anchor}`;
  if ('draft' in spec) return `https://datatracker.ietf.org/doc/html/${encodeURIComponent(spec.draft)}${anchor}`;
  if ('std' in spec) return spec.href;
  return `https://www.itu.int/rec/T-REC-${encodeURIComponent(spec.itu)}`;
}

/** "RFC 9582 §4.3.2", "draft-ietf-sidrops-aspa-profile §3", "X.690 §8.1.1" */
export function specLabel(spec: SpecRef): string {
  const doc = 'rfc' in spec ? `RFC ${spec.rfc}` : 'draft' in spec ? spec.draft : 'std' in spec ? spec.std : `ITU-T ${spec.itu}`;
  return spec.section ? `${doc} §${spec.section}` : doc;
}

/** Sections are numbered ("4.3.2") or appendices ("A", "A.1"); rfc-editor.org and datatracker anchor both. */
function sectionAnchor(section: string): string {
  return /^[A-Z](\.|$)/.test(section) ? `#appendix-${section}` : `#section-${section}`;
}
