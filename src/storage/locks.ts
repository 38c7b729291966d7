/**
 * Which runs are alive, across tabs: a writer holds a Web Lock named after its snapshot until the run ends, and
 * the browser releases it when the tab closes. Without the Locks API (older browsers, Node) only the runs of
 * this store count as alive.
 */

function lockManager(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

/** Takes the lock and resolves once it is held, with the function that releases it. */
export function holdLock(name: string): Promise<() => void> {
  const locks = lockManager();
  if (!locks) return Promise.resolve(() => {});
  return new Promise((held, failed) => {
    locks.request(name, () => new Promise<void>((release) => held(release))).catch(failed);
  });
}

/** Names of the locks held anywhere in this origin, or undefined without the Locks API. */
export async function heldLocks(): Promise<Set<string> | undefined> {
  const locks = lockManager();
  if (!locks) return undefined;
  const state = await locks.query();
  return new Set((state.held ?? []).flatMap((l) => (l.name === undefined ? [] : [l.name])));
}
