/** Reads: one report, pages of reports through the indexes, every report in key order, and the payload sets. */
import type { AspaPayload, ObjectStatus, ObjectType, RouterKey, Vrp } from '../core/validate/types.ts';
import { keysUnder, type LensDatabase, type ReportIndex, type ReportRow, type StoredReport } from './schema.ts';
import { decodeVrps } from './vrp-columns.ts';

export interface Page {
  offset?: number;
  /** Default 100. */
  limit?: number;
}

export function toReport(row: ReportRow): StoredReport {
  const { snapshotId: _id, parent: _parent, codeKeys: _codes, terms: _terms, at: _at, ...report } = row;
  return report;
}

export async function getReport(db: LensDatabase, id: string, uri: string): Promise<StoredReport | undefined> {
  const row = await db.get('reports', [id, uri]);
  return row && toReport(row);
}

/** An object's bytes: from its pack, where its report says, or (snapshots of schema 1) from its own row. */
export async function getObjectBytes(db: LensDatabase, id: string, uri: string): Promise<Uint8Array | undefined> {
  const at = (await db.get('reports', [id, uri]))?.at;
  if (!at) return (await db.get('objects', [id, uri]))?.bytes;
  const pack = await db.get('packs', [id, at[0]]);
  return pack && new Uint8Array(await pack.blob.slice(at[1], at[2]).arrayBuffer());
}

/**
 * A page of an index range, in index order (then URI order). Past the first page the keys up to the page's end
 * are read, which is cheap, and then the page's rows.
 */
async function pageOf(db: LensDatabase, index: ReportIndex, range: IDBKeyRange, { offset = 0, limit = 100 }: Page): Promise<StoredReport[]> {
  const store = db.transaction('reports').store;
  if (offset === 0) return (await store.index(index).getAll(range, limit)).map(toReport);
  const keys = (await store.index(index).getAllKeys(range, offset + limit)).slice(offset);
  const rows = await Promise.all(keys.map((k) => store.get(k)));
  return rows.flatMap((r) => (r ? [toReport(r)] : []));
}

/** The key under which byParent files an issuer's children; null asks for the trust anchors. */
function parentKey(id: string, issuer: string | null): IDBKeyRange {
  return IDBKeyRange.only([id, issuer ?? '']);
}

export function childrenOf(db: LensDatabase, id: string, issuer: string | null, page: Page = {}): Promise<StoredReport[]> {
  return pageOf(db, 'byParent', parentKey(id, issuer), page);
}

export function countChildren(db: LensDatabase, id: string, issuer: string | null): Promise<number> {
  return db.countFromIndex('reports', 'byParent', parentKey(id, issuer));
}

export function reportsByManifest(db: LensDatabase, id: string, manifest: string, page: Page = {}): Promise<StoredReport[]> {
  return pageOf(db, 'byManifest', IDBKeyRange.only([id, manifest]), page);
}

export function reportsByCode(db: LensDatabase, id: string, code: string, page: Page = {}): Promise<StoredReport[]> {
  return pageOf(db, 'byCode', IDBKeyRange.only([id, code]), page);
}

export function reportsByStatus(db: LensDatabase, id: string, status: ObjectStatus, page: Page = {}): Promise<StoredReport[]> {
  return pageOf(db, 'byStatus', IDBKeyRange.only([id, status]), page);
}

export function countByStatus(db: LensDatabase, id: string, status: ObjectStatus): Promise<number> {
  return db.countFromIndex('reports', 'byStatus', IDBKeyRange.only([id, status]));
}

/** Reports of one type, of any status (grouped by status) or of one. */
export function reportsByType(db: LensDatabase, id: string, type: ObjectType, status?: ObjectStatus, page: Page = {}): Promise<StoredReport[]> {
  const range = status === undefined ? keysUnder(id, type) : IDBKeyRange.only([id, type, status]);
  return pageOf(db, 'byTypeStatus', range, page);
}

/** Every report of a snapshot in URI order, `size` at a time, each batch read in its own transaction. */
export async function* streamReports(db: LensDatabase, id: string, size = 2000): AsyncGenerator<StoredReport[]> {
  let range = keysUnder(id);
  for (;;) {
    const rows = await db.getAll('reports', range, size);
    if (rows.length) yield rows.map(toReport);
    if (rows.length < size) return;
    range = IDBKeyRange.bound([id, rows[rows.length - 1].uri], [id, []], true);
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
