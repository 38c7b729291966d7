/** What a byte stream is, from its first bytes: the magic numbers of the containers and the shapes of RPKI files. */

export type Sniffed =
  | { kind: 'gzip' | 'tar' | 'xml' | 'der' | 'tal' | 'json' | 'empty' }
  | { kind: 'unsupported'; format: string }
  | { kind: 'unknown'; reason: string };

/** How many leading bytes `sniff` wants: one tar header block. */
export const SNIFF_BYTES = 512;

const MAGIC: [string, number[]][] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
];

export function sniff(head: Uint8Array): Sniffed {
  if (head.length === 0) return { kind: 'empty' };
  // RFC 1952 §2.3.1: ID1 ID2 = 1f 8b
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  // Before DER: a tar member named "0…" also starts with 0x30.
  // An archive of no members is its end marker alone: zero blocks.
  if (head.length >= 512 && (isTarHeader(head.subarray(0, 512)) || head.subarray(0, 512).every((b) => b === 0))) return { kind: 'tar' };
  for (const [format, magic] of MAGIC) if (magic.every((b, i) => head[i] === b)) return { kind: 'unsupported', format };
  if (head[0] === 0x30) return { kind: 'der' };
  const text = leadingText(head);
  if (text.startsWith('<')) return { kind: 'xml' };
  if (text.startsWith('{')) return { kind: 'json' };
  if (/^(#|rsync:\/\/|https:\/\/)/i.test(text)) return { kind: 'tal' };
  return { kind: 'unknown', reason: `begins with bytes ${hexHead(head)}` };
}

function leadingText(head: Uint8Array): string {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  let s = '';
  for (let j = i; j < head.length && j < i + 16; j++) s += String.fromCharCode(head[j]);
  return s;
}

function hexHead(head: Uint8Array): string {
  return Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** ustar magic ("ustar\0" POSIX, "ustar " GNU) at offset 257 of a header block. */
export function hasUstarMagic(block: Uint8Array, at = 0): boolean {
  return block[at + 257] === 0x75 && block[at + 258] === 0x73 && block[at + 259] === 0x74 && block[at + 260] === 0x61 && block[at + 261] === 0x72;
}

/**
 * The ustar header checksum: the octal number in chksum (offset 148, 8 bytes) equals the sum of the block's bytes
 * with chksum itself counted as spaces. Historic tars summed signed bytes; either sum is accepted, as GNU tar does.
 */
export function tarChecksumOk(block: Uint8Array, at = 0): boolean {
  let stored = 0;
  let digits = 0;
  for (let i = at + 148; i < at + 156; i++) {
    const c = block[i];
    if (c === 0 || c === 0x20) {
      if (digits) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return false;
    stored = stored * 8 + (c - 0x30);
    digits++;
  }
  if (!digits) return false;
  // One pass (this runs for every member of an archive): the signed sum is the unsigned one less 256 for each
  // byte over 127.
  let unsigned = 8 * 0x20;
  let high = 0;
  for (let i = at; i < at + 148; i++) {
    const b = block[i];
    unsigned += b;
    high += b >> 7;
  }
  for (let i = at + 156; i < at + 512; i++) {
    const b = block[i];
    unsigned += b;
    high += b >> 7;
  }
  return stored === unsigned || stored === unsigned - 256 * high;
}

/** A tar header block: ustar magic, or (old V7 archives) a name and a valid checksum. */
export function isTarHeader(block: Uint8Array): boolean {
  if (hasUstarMagic(block)) return true;
  return block[0] !== 0 && tarChecksumOk(block);
}
