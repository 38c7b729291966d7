/** The snapshot library: IndexedDB storage of snapshots, their objects, reports and payloads. */
export { openStore, estimateUsage, Store, CHUNK_SIZE, type Payloads } from './store.ts';
export { StorageError, type StorageErrorKind } from './errors.ts';
export type { SnapshotMeta, SnapshotCounts, SnapshotStatus, SnapshotError, SourceKind, NewSnapshot, FinishPatch, RecordedAgreement } from './meta.ts';
export type { StoredReport, SearchKeys } from './schema.ts';
export type { Page } from './queries.ts';
export type { SearchHit, SearchMatch } from './search.ts';
export { BATCH_SIZE, type Rows } from './batches.ts';
