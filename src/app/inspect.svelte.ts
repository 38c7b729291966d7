/** The "Inspect a file" state: the file last opened, its bytes and what decodeObject made of them. */
import { decodeObject, type DecodedObject } from '../core/objects/object.ts';
import { formatSize } from './format.ts';

export interface Inspected {
  name: string;
  bytes: Uint8Array;
  result: DecodedObject;
}

/** Far above any real RPKI object (the largest real ROAs and certificates are tens of KiB). */
export const MAX_FILE_SIZE = 32 * 1024 * 1024;

export class Inspector {
  current = $state.raw<Inspected | null>(null);
  /** Why the last file could not be inspected at all (too large, unreadable). */
  problem = $state<string | null>(null);
  busy = $state(false);

  async open(file: File): Promise<void> {
    this.problem = null;
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
      this.problem = `RPKI Lens could not inspect ${file.name}: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.busy = false;
    }
  }
}
