/** Snapshot readers: archives, folders and RRDP files as (rsync URI, bytes) entries. */
export { readSnapshot, SnapshotReader } from './reader.ts';
export { loadInto, loadSnapshot, type LoadedObjects, type LoadedSnapshot, type LoadOptions, type ObjectSink, type SnapshotStats } from './load.ts';
export { compareVrps, parseRecorded, type RecordedOutput, type RecordedVrp, type VrpComparison } from './recorded.ts';
export { deltasNeeded, parseNotification, DeltaPlan, type DeltaDecision, type DeltaRef, type Notification } from './rrdp.ts';
export { filesFromFileList, type FileLike } from './files.ts';
export {
  DEFAULT_MAX_OBJECT_SIZE,
  type Layout,
  type ReadOptions,
  type ReadSummary,
  type SnapshotEntry,
  type SnapshotFile,
  type SnapshotInput,
} from './types.ts';
