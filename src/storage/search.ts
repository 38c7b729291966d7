/**
 * The library's search box: an ASN ("AS64496" or a number), a prefix or address (the ROAs whose VRPs cover it,
 * RFC 6811 §2), a Subject Key Identifier (hex, colons allowed), and always a URI or file name substring.
 *
 * Typed matches come from the payload chunks (validated ROAs, ASPAs, router keys: scanned column by column) and
 * from the groups' search terms (search keys a report carries, which reach objects that produced no payload). URI
 * matches scan the snapshot's URI list, which the caller caches.
 */
import { formatPrefix, hostMask, parsePrefix, type IpPrefix } from '../core/resources/index.ts';
import { term } from './groups.ts';
import { getReports, urisWithTerms } from './queries.ts';
import { keysUnder, type LensDatabase, type StoredReport } from './schema.ts';

export type SearchMatch = 'asn' | 'prefix' | 'ski' | 'name' | 'uri';

export interface SearchHit {
  match: SearchMatch;
  report: StoredReport;
}

export function parseAsn(q: string): number | undefined {
  const m = /^(?:AS)?(\d{1,10})$/i.exec(q);
  const n = m ? Number(m[1]) : NaN;
  return n <= 0xffffffff ? n : undefined;
}

function parseQueryPrefix(q: string): IpPrefix | undefined {
  if (!/[.:]/.test(q)) return undefined;
  try {
    return parsePrefix(q);
  } catch {
    return undefined;
  }
}

/** The text of every prefix that covers `p`, itself included: at most 33 or 129 strings. */
export function coveringPrefixes(p: IpPrefix): Set<string> {
  const out = new Set<string>();
  for (let len = p.len; len >= 0; len--) out.add(formatPrefix({ afi: p.afi, addr: p.addr & ~hostMask(p.afi, len), len }));
  return out;
}

async function asnUris(db: LensDatabase, id: string, asn: number): Promise<string[]> {
  const tx = db.transaction(['vrps', 'aspas', 'routerKeys']);
  const [vrps, aspas, keys] = await Promise.all([
    tx.objectStore('vrps').getAll(keysUnder(id)),
    tx.objectStore('aspas').getAll(keysUnder(id)),
    tx.objectStore('routerKeys').getAll(keysUnder(id)),
  ]);
  const out: string[] = [];
  for (const c of vrps) for (let i = 0; i < c.count; i++) if (c.asn[i] === asn) out.push(c.roas[c.roa[i]]);
  for (const c of aspas) for (const a of c.items) if (a.customer === asn || a.providers.includes(asn)) out.push(a.uri);
  for (const c of keys) for (const k of c.items) if (k.asn === asn) out.push(k.uri);
  return [...out, ...(await urisWithTerms(db, id, [term.asn(asn)]))];
}

async function prefixUris(db: LensDatabase, id: string, p: IpPrefix): Promise<string[]> {
  const covering = coveringPrefixes(p);
  const out: string[] = [];
  for (const c of await db.getAll('vrps', keysUnder(id))) {
    const prefixes = c.prefixes.split('\n');
    for (let i = 0; i < c.count; i++) if (covering.has(prefixes[i])) out.push(c.roas[c.roa[i]]);
  }
  return [...out, ...(await urisWithTerms(db, id, [...covering].map(term.prefix)))];
}

async function skiUris(db: LensDatabase, id: string, ski: string): Promise<string[]> {
  const out: string[] = [];
  for (const c of await db.getAll('routerKeys', keysUnder(id))) for (const k of c.items) if (k.ski.toLowerCase() === ski) out.push(k.uri);
  return [...out, ...(await urisWithTerms(db, id, [term.ski(ski)]))];
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/**
 * Up to `limit` reports: typed matches first, then URIs whose file name starts with the query, then URIs that
 * contain it (case-insensitive), each group in URI order. `uris` gives the snapshot's URIs in order.
 */
export async function search(
  db: LensDatabase,
  id: string,
  query: string,
  limit: number,
  uris: () => Promise<readonly string[]>,
): Promise<SearchHit[]> {
  const q = query.trim();
  if (!q) return [];
  const found = new Map<string, SearchMatch>();
  const add = (uris: Iterable<string>, match: SearchMatch) => {
    for (const uri of uris) {
      if (found.size >= limit) return;
      if (!found.has(uri)) found.set(uri, match);
    }
  };
  const typed = (uris: string[], match: SearchMatch) => add([...new Set(uris)].sort(), match);

  const asn = parseAsn(q);
  if (asn !== undefined) typed(await asnUris(db, id, asn), 'asn');
  const prefix = parseQueryPrefix(q);
  if (prefix) typed(await prefixUris(db, id, prefix), 'prefix');
  const ski = q.replace(/:/g, '').toLowerCase();
  if (/^[0-9a-f]{40}$/.test(ski)) typed(await skiUris(db, id, ski), 'ski');

  const room = limit - found.size;
  if (room > 0) {
    const needle = q.toLowerCase();
    const names: string[] = [];
    const paths: string[] = [];
    for (const uri of await uris()) {
      if (names.length >= room) break;
      const lower = uri.toLowerCase();
      if (!lower.includes(needle)) continue;
      if (baseName(lower).startsWith(needle)) names.push(uri);
      else if (paths.length < room) paths.push(uri);
    }
    add(names, 'name');
    add(paths, 'uri');
  }

  const chosen = [...found];
  const reports = await getReports(db, id, chosen.map(([uri]) => uri));
  return chosen.flatMap(([, match], i) => (reports[i] ? [{ match, report: reports[i] }] : []));
}
