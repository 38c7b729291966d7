/**
 * The IndexedDB schema of the snapshot library, typed for idb. Rows of one snapshot share the key prefix
 * [snapshotId], so one key range reaches all of them and deleting a snapshot is one range delete per store.
 *
 * Upgrades: each entry of `migrations` moves the database up one version; DB_VERSION is their count. To change
 * the schema, append a migration (it gets the versionchange transaction to move data) and never edit old ones.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { byGroup, groupRow } from './groups.ts';
import type { AspaPayload, ObjectReport, RouterKey } from '../core/validate/types.ts';
import type { SnapshotMeta } from './meta.ts';
import type { VrpColumns } from './vrp-columns.ts';

/** Optional search keys a report may carry beside its fields, when the walk knows them. */
export type SearchKeys = Pick<ObjectReport, 'ski' | 'asns' | 'prefixes'>;

export type StoredReport = ObjectReport;

/** One object's bytes: how snapshots stored before packs (schema 1) keep them. */
export interface ObjectRow {
  snapshotId: string;
  uri: string;
  bytes: Uint8Array;
}

/** Many objects' bytes back to back: IndexedDB writes one large value at disk speed, one row per object slowly. */
export interface PackRow {
  snapshotId: string;
  pack: number;
  bytes?: Uint8Array;
  /** How the first packs (schema 2, before bytes) kept them. */
  blob?: Blob;
}

/** Where an object's bytes are: [pack, start, end] in that pack. */
export type ObjectAt = [number, number, number];

/** A report as stored: with its tree parent and where its object's bytes are. */
export interface ReportEntry extends StoredReport {
  /** The issuer's URI; '' for a trust anchor (the root of its tree); absent for an object outside every tree. */
  parent?: string;
  /** The object's bytes in a pack, when the snapshot holds them. */
  at?: ObjectAt;
}

/** The reports of one directory, in URI order (./groups.ts). */
export interface ReportGroupRow {
  snapshotId: string;
  dir: string;
  reports: ReportEntry[];
  /** [snapshotId, "parent:<uri>" | "code:<code>" | "term:<term>"]: multiEntry indexes take no compound key path. */
  keys: [string, string][];
}

export interface ChunkRow {
  snapshotId: string;
  chunk: number;
}
export interface VrpChunkRow extends ChunkRow, VrpColumns {}
/** The URIs of a complete snapshot's reports, sorted and unique: what substring search scans. */
export interface UriListRow extends ChunkRow {
  uris: string[];
}
export interface ItemChunkRow<T> extends ChunkRow {
  items: T[];
}

type Pair = [string, string];

export interface LensDB extends DBSchema {
  snapshots: { key: string; value: SnapshotMeta };
  objects: { key: Pair; value: ObjectRow };
  packs: { key: [string, number]; value: PackRow };
  reports: { key: Pair; value: ReportGroupRow; indexes: { byKey: Pair } };
  vrps: { key: [string, number]; value: VrpChunkRow };
  aspas: { key: [string, number]; value: ItemChunkRow<AspaPayload> };
  routerKeys: { key: [string, number]; value: ItemChunkRow<RouterKey> };
  uris: { key: [string, number]; value: UriListRow };
}

export type LensDatabase = IDBPDatabase<LensDB>;
export type UpgradeTransaction = IDBPTransaction<LensDB, StoreNames<LensDB>[], 'versionchange'>;

export const STORES = ['snapshots', 'objects', 'packs', 'reports', 'vrps', 'aspas', 'routerKeys', 'uris'] as const satisfies readonly StoreNames<LensDB>[];
export const PAYLOAD_STORES = ['vrps', 'aspas', 'routerKeys'] as const;

/** A report row of schema 1: one per object. */
type ReportRowV1 = ReportEntry & { snapshotId: string };

// Migrations see the database as it was, so they go untyped.
type Untyped = IDBPDatabase<unknown>;
type UntypedTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;

export const migrations: ((db: Untyped, tx: UntypedTransaction) => void | Promise<void>)[] = [
  // 0 → 1
  (db) => {
    db.createObjectStore('snapshots', { keyPath: 'id' });
    db.createObjectStore('objects', { keyPath: ['snapshotId', 'uri'] });
    const reports = db.createObjectStore('reports', { keyPath: ['snapshotId', 'uri'] });
    reports.createIndex('byParent', ['snapshotId', 'parent']);
    reports.createIndex('byManifest', ['snapshotId', 'manifest']);
    reports.createIndex('byStatus', ['snapshotId', 'status']);
    reports.createIndex('byTypeStatus', ['snapshotId', 'type', 'status']);
    reports.createIndex('byCode', 'codeKeys', { multiEntry: true });
    reports.createIndex('byTerm', 'terms', { multiEntry: true });
    for (const name of PAYLOAD_STORES) db.createObjectStore(name, { keyPath: ['snapshotId', 'chunk'] });
  },
  // 1 → 2: object bytes in packs, located by their reports (schema-1 snapshots keep their object rows); reports in
  // one row per directory.
  async (db, tx) => {
    db.createObjectStore('packs', { keyPath: ['snapshotId', 'pack'] });
    const rows = (await tx.objectStore('reports').getAll()) as (ReportRowV1 & { codeKeys?: unknown; terms?: unknown })[];
    db.deleteObjectStore('reports');
    const reports = db.createObjectStore('reports', { keyPath: ['snapshotId', 'dir'] });
    reports.createIndex('byKey', 'keys', { multiEntry: true });
    const bySnapshot = new Map<string, ReportEntry[]>();
    for (const { snapshotId, codeKeys: _codes, terms: _terms, ...entry } of rows) {
      const list = bySnapshot.get(snapshotId);
      if (list) list.push(entry);
      else bySnapshot.set(snapshotId, [entry]);
    }
    for (const [id, entries] of bySnapshot) for (const [dir, list] of byGroup(entries)) void reports.put(groupRow(id, dir, undefined, list));
  },
  // 2 → 3: each complete snapshot's URI list, written as its run completes; snapshots stored before have none, and
  // their search gathers the URIs from the reports.
  (db) => {
    db.createObjectStore('uris', { keyPath: ['snapshotId', 'chunk'] });
  },
];

export const DB_VERSION = migrations.length;

export async function upgrade(db: LensDatabase, oldVersion: number, _newVersion: number | null, tx: UpgradeTransaction): Promise<void> {
  for (let v = oldVersion; v < DB_VERSION; v++) await migrations[v](db as unknown as Untyped, tx as unknown as UntypedTransaction);
}

/** Every key that starts with `prefix`: arrays sort after all other keys, so [...prefix, []] bounds them. */
export function keysUnder(...prefix: (string | number)[]): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, []]);
}
