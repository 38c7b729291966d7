/**
 * A snapshot's metadata: everything the library and the overview show, so that reopening the app needs this record
 * alone. Counts are kept up to date by every write batch, so an interrupted run still shows how far it got.
 */
import type { OutputStats } from '../core/output/payloads.ts';
import type { VrpComparison } from '../core/snapshot/recorded.ts';
import type { ObjectReport, ObjectStatus, ObjectType } from '../core/validate/types.ts';
import type { StorageErrorKind } from './errors.ts';

export type SourceKind = 'sample' | 'file' | 'folder' | 'url';
export type SnapshotStatus = 'loading' | 'validating' | 'complete' | 'incomplete' | 'failed';

export interface SnapshotCounts {
  /** Objects whose bytes are stored, and their total size. */
  objects: number;
  bytes: number;
  /** Reports by object type and status. */
  byType: Record<ObjectType, Partial<Record<ObjectStatus, number>>>;
  /** Unique payloads, as stored. */
  vrps: number;
  aspas: number;
  routerKeys: number;
  /** Per finding code, the number of reports that carry it: the length of the "problems by code" list. */
  findingsByCode: Record<string, number>;
}

/** rpki-client's recorded output compared with ours (RPKIViews archives keep it beside the data). */
export interface RecordedAgreement extends VrpComparison {
  path: string;
  buildtime?: string;
}

/** Why a run did not complete: a storage failure, the run's own failure, a cancel, or a closed tab. */
export interface SnapshotError {
  kind: StorageErrorKind | 'run' | 'cancelled' | 'interrupted';
  message: string;
}

export interface SnapshotMeta {
  id: string;
  name: string;
  source: { kind: SourceKind; label: string };
  /** When the snapshot was stored, milliseconds since the epoch. */
  createdAt: number;
  /** The evaluation time of the validation, Unix seconds. */
  evaluationTime: number;
  status: SnapshotStatus;
  error?: SnapshotError;
  /** Names of the TALs validated against. */
  tals: string[];
  counts: SnapshotCounts;
  recorded?: RecordedAgreement;
  /** The export header's figures, so that exports need not reread every report. */
  stats?: OutputStats;
  elapsedMs?: number;
  /** Publication-point workers the run validated with. */
  workers?: number;
}

export type NewSnapshot = Pick<SnapshotMeta, 'name' | 'source' | 'evaluationTime' | 'tals'> & Partial<Pick<SnapshotMeta, 'id' | 'createdAt'>>;

/** What a completed run adds to its record. */
export type FinishPatch = Partial<Pick<SnapshotMeta, 'name' | 'recorded' | 'stats' | 'elapsedMs' | 'workers'>>;

const OBJECT_TYPES = { cer: 0, crl: 0, mft: 0, roa: 0, asa: 0, gbr: 0, tak: 0, sig: 0, spl: 0, other: 0 } satisfies Record<ObjectType, 0>;

export function emptyCounts(): SnapshotCounts {
  const byType = {} as SnapshotCounts['byType'];
  for (const t of Object.keys(OBJECT_TYPES) as ObjectType[]) byType[t] = {};
  return { objects: 0, bytes: 0, byType, vrps: 0, aspas: 0, routerKeys: 0, findingsByCode: {} };
}

/** The distinct finding codes of a report, in first-seen order. */
export function reportCodes(r: ObjectReport): string[] {
  return [...new Set(r.findings.map((f) => f.code))];
}

export function countReport(c: SnapshotCounts, r: ObjectReport, codes: readonly string[]): void {
  const byStatus = (c.byType[r.type] ??= {});
  byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  for (const code of codes) c.findingsByCode[code] = (c.findingsByCode[code] ?? 0) + 1;
}

/** A run that has not ended: its writer may still be alive (another tab), or its tab was closed. */
export function isRunning(m: SnapshotMeta): boolean {
  return m.status === 'loading' || m.status === 'validating';
}
