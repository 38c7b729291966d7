/**
 * Reads: one report, pages of reports through the groups' keys, every report in order, and the payload sets.
 * Reports come in group order (directory by directory), each group in URI order.
 */
import type { AspaPayload, RouterKey, Vrp } from '../core/validate/types.ts';
import { groupKey, groupOf, termsOf, toReport } from './groups.ts';
import { keysUnder, type LensDatabase, type ReportEntry, type StoredReport } from './schema.ts';
import { decodeVrps } from './vrp-columns.ts';

export interface Page {
  offset?: number;
  /** Default 100. */
  limit?: number;
}

export async function getEntry(db: LensDatabase, id: string, uri: string): Promise<ReportEntry | undefined> {
  return (await db.get('reports', [id, groupOf(uri)]))?.reports.find((e) => e.uri === uri);
}

export async function getReport(db: LensDatabase, id: string, uri: string): Promise<StoredReport | undefined> {
  const e = await getEntry(db, id, uri);
  return e && toReport(e);
}

/** The reports of `uris`, in their order (undefined where none), each group read once. */
export async function getReports(db: LensDatabase, id: string, uris: readonly string[]): Promise<(StoredReport | undefined)[]> {
  const store = db.transaction('reports').store;
  const groups = new Map<string, Promise<ReportEntry[]>>();
  const groupAt = (dir: string) => {
    let g = groups.get(dir);
    if (!g) groups.set(dir, (g = store.get([id, dir]).then((row) => row?.reports ?? [])));
    return g;
  };
  return Promise.all(uris.map(async (uri) => {
    const e = (await groupAt(groupOf(uri))).find((x) => x.uri === uri);
    return e && toReport(e);
  }));
}

/** An object's bytes: from its pack, where its report says, or (snapshots of schema 1) from its own row. */
export async function getObjectBytes(db: LensDatabase, id: string, uri: string, entry?: ReportEntry): Promise<Uint8Array | undefined> {
  const at = (entry ?? (await getEntry(db, id, uri)))?.at;
  if (!at) return (await db.get('objects', [id, uri]))?.bytes;
  const pack = await db.get('packs', [id, at[0]]);
  if (pack?.bytes) return pack.bytes.slice(at[1], at[2]);
  return pack?.blob && new Uint8Array(await pack.blob.slice(at[1], at[2]).arrayBuffer());
}

/** A page of the reports that `keep` accepts in the groups filed under `key`; reading stops at the page's end. */
async function pageOf(db: LensDatabase, id: string, key: string, keep: (e: ReportEntry) => boolean, { offset = 0, limit = 100 }: Page): Promise<StoredReport[]> {
  const out: StoredReport[] = [];
  let skip = offset;
  let cursor = await db.transaction('reports').store.index('byKey').openCursor(IDBKeyRange.only([id, key]));
  while (cursor && out.length < limit) {
    for (const e of cursor.value.reports) {
      if (!keep(e)) continue;
      if (skip > 0) skip--;
      else if (out.push(toReport(e)) >= limit) break;
    }
    cursor = await cursor.continue();
  }
  return out;
}

/** Objects issued by the CA certificate at `issuer`; null gives the trust anchors. */
export function childrenOf(db: LensDatabase, id: string, issuer: string | null, page: Page = {}): Promise<StoredReport[]> {
  const parent = issuer ?? '';
  return pageOf(db, id, groupKey.parent(issuer), (e) => e.parent === parent, page);
}

export function reportsByCode(db: LensDatabase, id: string, code: string, page: Page = {}): Promise<StoredReport[]> {
  return pageOf(db, id, groupKey.code(code), (e) => e.findings.some((f) => f.code === code), page);
}

/** URIs of the reports that carry any of the search terms. */
export async function urisWithTerms(db: LensDatabase, id: string, terms: Iterable<string>): Promise<string[]> {
  const index = db.transaction('reports').store.index('byKey');
  const out: string[] = [];
  for (const t of new Set(terms)) {
    for (const group of await index.getAll(IDBKeyRange.only([id, groupKey.term(t)]))) {
      for (const e of group.reports) if (termsOf(e).includes(t)) out.push(e.uri);
    }
  }
  return out;
}

/** Every report of a snapshot, `size` groups at a time, each batch read in its own transaction. */
export async function* streamReports(db: LensDatabase, id: string, size = 100): AsyncGenerator<StoredReport[]> {
  let range = keysUnder(id);
  for (;;) {
    const groups = await db.getAll('reports', range, size);
    if (groups.length) yield groups.flatMap((g) => g.reports.map(toReport));
    if (groups.length < size) return;
    range = IDBKeyRange.bound([id, groups[groups.length - 1].dir], [id, []], true);
  }
}

export async function getVrps(db: LensDatabase, id: string): Promise<Vrp[]> {
  const out: Vrp[] = [];
  for (const chunk of await db.getAll('vrps', keysUnder(id))) decodeVrps(chunk, out);
  return out;
}

export async function getAspas(db: LensDatabase, id: string): Promise<AspaPayload[]> {
  return (await db.getAll('aspas', keysUnder(id))).flatMap((c) => c.items);
}

export async function getRouterKeys(db: LensDatabase, id: string): Promise<RouterKey[]> {
  return (await db.getAll('routerKeys', keysUnder(id))).flatMap((c) => c.items);
}
