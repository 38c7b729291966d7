/**
 * Ghostbusters record content, RFC 6493 §5: a vCard (RFC 6350) with VERSION 4.0, FN and at least one of ADR, TEL
 * or EMAIL, lines ending in CRLF.
 */

export interface Ghostbuster {
  fn: string;
  org?: string;
  adr?: string;
  tel?: string;
  email?: string;
}

const utf8 = new TextEncoder();

/** The eContent: the vCard text as UTF-8. */
export function vCard(g: Ghostbuster): Uint8Array {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${g.fn}`];
  if (g.org) lines.push(`ORG:${g.org}`);
  if (g.adr) lines.push(`ADR:${g.adr}`);
  if (g.tel) lines.push(`TEL;TYPE=VOICE,MSG,WORK:${g.tel}`);
  if (g.email) lines.push(`EMAIL:${g.email}`);
  lines.push('END:VCARD');
  return utf8.encode(lines.map((l) => `${l}\r\n`).join(''));
}
