/**
 * The "Inspect a file" state: the file last opened, its bytes, what decodeObject made of them, and, when a stored
 * snapshot is chosen, the file verified against that snapshot's chain (src/core/validate/chain.ts).
 */
import { webCrypto } from '../core/crypto/webcrypto.ts';
import { decodeObject, type DecodedObject } from '../core/objects/object.ts';
import { verifyInSnapshot, type ChainResult } from '../core/validate/chain.ts';
import type { SnapshotMeta } from '../storage/meta.ts';
import { formatSize } from './format.ts';
import { problemOf, store } from './library.svelte.ts';

export interface Inspected {
  name: string;
  bytes: Uint8Array;
  result: DecodedObject;
}

export interface ChainCheck {
  snapshot: SnapshotMeta;
  result: ChainResult;
}

/** Far above any real RPKI object (the largest real ROAs and certificates are tens of KiB). */
export const MAX_FILE_SIZE = 32 * 1024 * 1024;

export class Inspector {
  current = $state.raw<Inspected | null>(null);
  /** The current file against `against`, once checked. */
  check = $state.raw<ChainCheck | null>(null);
  /** Why the last file could not be inspected at all (too large, unreadable), or not verified. */
  problem = $state<string | null>(null);
  busy = $state(false);
  /** The snapshot files are verified against; null decodes only. */
  against = $state.raw<SnapshotMeta | null>(null);

  async open(file: File): Promise<void> {
    this.problem = null;
    this.check = null;
    if (file.size > MAX_FILE_SIZE) {
      this.problem = `${file.name} is ${formatSize(file.size)}; no RPKI object is larger than ${formatSize(MAX_FILE_SIZE)}.`;
      return;
    }
    this.busy = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      this.current = { name: file.name, bytes, result: decodeObject(file.name, bytes) };
    } catch (e) {
      this.current = null;
      this.problem = `RPKI Lens could not inspect ${file.name}: ${problemOf(e)}`;
    } finally {
      this.busy = false;
    }
    await this.verify();
  }

  /** Verifies the current file against the chosen snapshot, at that snapshot's evaluation time. */
  async verify(): Promise<void> {
    const item = this.current;
    const snapshot = this.against;
    this.check = null;
    if (!item || !snapshot) return;
    this.busy = true;
    try {
      const lookup = (await store()).lookup(snapshot.id);
      const result = await verifyInSnapshot(item.name, item.bytes, item.result, lookup, { time: snapshot.evaluationTime, crypto: webCrypto() });
      if (this.current === item && this.against === snapshot) this.check = { snapshot, result };
    } catch (e) {
      this.problem = `${item.name} could not be verified against ${snapshot.name}: ${problemOf(e)}`;
    } finally {
      this.busy = false;
    }
  }
}
