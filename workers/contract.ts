/**
 * What the app and the coordinator worker (validation.worker.ts) say to each other over comlink: plain data only,
 * since only structured-clonable values cross.
 */
import type { SnapshotCounts } from '../src/storage/meta.ts';

export type SnapshotRequest =
  | { kind: 'url'; url: string }
  /** One file (an archive, an RRDP file), read as a stream where the coordinator runs: never whole in the page. */
  | { kind: 'file'; file: File }
  /**
   * A folder's files. `paths[i]`, when there, is where `files[i]` was (the folder's name first): a dropped folder's
   * Files have no `webkitRelativePath`, and properties set on a File are lost in structured cloning.
   */
  | { kind: 'files'; files: File[]; paths?: string[] }
  | { kind: 'sample' };

/** The most publication-point workers a run may ask for. */
export const MAX_WORKERS = 64;

/** Whether a run can take this many publication-point workers: a whole number from 1 to MAX_WORKERS. */
export function isWorkerCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS;
}

/** A worker count as typed (a form field, a link's `workers=`), or undefined when a run cannot take it. */
export function parseWorkers(text: string): number | undefined {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  return isWorkerCount(n) ? n : undefined;
}

export interface RunRequest {
  snapshot: SnapshotRequest;
  /** 'snapshot': the TALs the snapshot holds (the sample's own TAL for the sample). */
  tals: 'snapshot' | { name: string; text: string }[];
  /** Evaluation time, Unix seconds. */
  time: number;
  /** Publication-point workers, 1 to MAX_WORKERS; default navigator.hardwareConcurrency. */
  workers?: number;
  snapshotName?: string;
}

export interface RunEvent {
  phase: 'load' | 'validate' | 'store' | 'done';
  /** The snapshot the run writes, once it exists (a cancel waits for its lock before marking it incomplete). */
  snapshotId?: string;
  /** Objects loaded (or, while loading, bytes read), validated or stored so far, and of how many. */
  objectsDone: number;
  objectsTotal: number;
  publicationPoints: number;
  /** Per second, over the phase so far. */
  rate: number;
  etaSeconds: number;
}

export interface RunResult {
  snapshotId: string;
  counts: SnapshotCounts;
  elapsedMs: number;
  /**
   * Where the time went: reading the snapshot (objects stored, and validated once their TALs are known, meanwhile),
   * validating after it, storing the results.
   */
  phasesMs: { load: number; validate: number; store: number };
}
