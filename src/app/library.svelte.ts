/** The app's one connection to the snapshot library (IndexedDB), opened on first use, and its list of snapshots. */
import { openStore, type Store } from '../storage/store.ts';
import type { SnapshotMeta } from '../storage/meta.ts';

let opening: Promise<Store> | undefined;

/** The store; at first use, snapshots left running by a closed tab are marked incomplete. */
export function store(): Promise<Store> {
  opening ??= openStore().then(async (s) => {
    await s.markIncomplete().catch(() => []);
    return s;
  });
  opening.catch(() => (opening = undefined));
  return opening;
}

/** The snapshot last shown, which the inspector verifies files against by default. */
export const viewed = $state<{ id: string | null }>({ id: null });

export function problemOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class Library {
  snapshots = $state.raw<SnapshotMeta[] | null>(null);
  problem = $state<string | null>(null);

  async refresh(): Promise<void> {
    try {
      this.snapshots = await (await store()).listSnapshots();
      this.problem = null;
    } catch (e) {
      this.problem = problemOf(e);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await (await store()).deleteSnapshot(id);
    } catch (e) {
      this.problem = problemOf(e);
    }
    await this.refresh();
  }
}
