/**
 * From a path inside an archive or folder to what it holds. One rule set serves every tree layout, entry by entry,
 * so that a stream can be classified as it is read and mixed trees still work:
 *
 *   <host>/<module>/<path>                       rsync layout (RFC 6481 §2), e.g. the forge tarballs (./<host>/…)
 *   [<wrapper>/…]<host>/<module>/<path>          the same under other directories (repo/, rsync/, cache/)
 *   ta/<tal>/<name>.cer                          rpki-client: trust anchor certificates, by TAL name
 *   ta/rsync/…/<name>.cer, ta/https/…            routinator dump: trust anchor certificates
 *   .rrdp/<hash>/<host>/…, .rsync/<host>/…       rpki-client: staging areas, used only for URIs found nowhere else
 *   rpki-<stamp>/data/<host>/…                   RPKIViews: rpki-client's cache …
 *   rpki-<stamp>/output/rpki-client.json         … and the output rpki-client made from it
 *   rrdp/<notify-host>/rsync/<host>/<module>/…   routinator dump: RRDP repositories (also under store/)
 *   rsync/<host>/<module>/…                      routinator dump: rsync repositories
 *   *.tal                                        TALs, wherever they are
 *
 * The URI starts at the first directory whose name is a host name (it has a dot: RPKI repositories are named by
 * FQDN or address), except in routinator's `<notify-host>/rsync/<host>` where it starts after "rsync".
 */
import type { Layout } from './types.ts';

/** File extensions of the IANA "RPKI Repository Name Schemes" registry (RFC 6481 §7.2 and its updates). */
export const OBJECT_EXTENSIONS: ReadonlySet<string> = new Set(['cer', 'crl', 'mft', 'roa', 'asa', 'gbr', 'sig', 'tak', 'spl']);

/** Those of signed objects (RFC 6488 CMS): all but certificates and CRLs. */
export const SIGNED_OBJECT_EXTENSIONS: ReadonlySet<string> = new Set([...OBJECT_EXTENSIONS].filter((e) => e !== 'cer' && e !== 'crl'));

export type PathClass =
  | { kind: 'unsafe'; reason: string }
  | { kind: 'object'; uri: string; layout: Layout; staging: boolean }
  | { kind: 'ta-cert'; tal?: string }
  | { kind: 'tal'; name: string }
  | { kind: 'recorded' }
  | { kind: 'rrdp' }
  | { kind: 'loose' }
  | { kind: 'skip' }
  | { kind: 'other'; reason: string };

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?$/;

export function isHostName(s: string): boolean {
  return s.length <= 253 && HOST.test(s);
}

/** The components of a relative path, or why it is refused. "." and empty components are dropped. */
export function splitPath(raw: string): { parts: string[] } | { unsafe: string } {
  if (raw.includes('\0')) return { unsafe: 'the name contains a NUL byte' };
  if (raw.includes('\uFFFD')) return { unsafe: 'the name is not valid UTF-8' };
  if (/[\x01-\x1f\x7f]/.test(raw)) return { unsafe: 'the name contains control characters' };
  if (raw.includes('\\')) return { unsafe: 'the name contains a backslash' };
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) return { unsafe: 'the path is absolute' };
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { unsafe: 'the path climbs out of its folder with ".."' };
  return { parts };
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function classifyPath(raw: string): PathClass {
  const split = splitPath(raw);
  if ('unsafe' in split) return { kind: 'unsafe', reason: split.unsafe };
  const parts = split.parts;
  const n = parts.length;
  if (n === 0) return { kind: 'skip' };
  const last = parts[n - 1];
  const ext = extensionOf(last);
  if (ext === 'tal') return { kind: 'tal', name: last.slice(0, -4) };
  if (last === 'rpki-client.json') return { kind: 'recorded' };

  let host = parts.findIndex((p, i) => i < n - 1 && isHostName(p));
  const before = parts.slice(0, host < 0 ? n - 1 : host);
  const staging = before.some((p) => p.startsWith('.'));
  const ta = before.lastIndexOf('ta');
  if (ta >= 0 && ext === 'cer' && !staging) return { kind: 'ta-cert', tal: n - ta === 3 ? parts[ta + 1] : undefined };
  if (host >= 0) {
    let layout: Layout = staging ? 'rpki-client-cache' : 'rsync';
    if (host >= 1 && (parts[host - 1] === 'rrdp' || parts[host - 1] === 'store') && parts[host + 1] === 'rsync' && host + 2 < n - 1 && isHostName(parts[host + 2])) {
      host += 2;
      layout = 'routinator-dump';
    } else if (/^rpki-/.test(parts[0]) && parts[1] === 'data') layout = 'rpkiviews';
    else if (host === 1 && parts[0] === 'rsync') layout = 'routinator-dump';
    if (!OBJECT_EXTENSIONS.has(ext)) return { kind: 'other', reason: otherReason(ext) };
    return { kind: 'object', uri: `rsync://${parts.slice(host).join('/')}`, layout, staging };
  }
  if (staging) return { kind: 'skip' };
  if (ext === 'xml' || last.toLowerCase().endsWith('.xml.gz')) return { kind: 'rrdp' };
  if (ext === '' || OBJECT_EXTENSIONS.has(ext)) return { kind: 'loose' };
  return { kind: 'other', reason: otherReason(ext) };
}

function otherReason(ext: string): string {
  if (['gz', 'tgz', 'tar', 'zip', 'xz', 'bz2', 'zst'].includes(ext)) return 'an archive inside the snapshot is not unpacked';
  if (ext === 'xml') return 'an RRDP file inside a repository tree is not read';
  return ext ? `".${ext}" is not an RPKI object type` : 'no file extension';
}
