/** Rows arrive as an array, any iterable, or a stream of rows or row arrays (a run streaming its results in). */
export type Rows<T> = Iterable<T> | AsyncIterable<T | readonly T[]>;

/** Rows per write transaction: large enough to amortise a commit, small enough to keep the page responsive. */
export const BATCH_SIZE = 2000;

/** Regroups rows into arrays of at most `size`, keeping their order; arrays that arrive are never merged. */
export async function* batches<T>(rows: Rows<T>, size = BATCH_SIZE): AsyncGenerator<T[]> {
  if (Array.isArray(rows)) {
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    return;
  }
  let pending: T[] = [];
  for await (const x of rows) {
    if (Array.isArray(x)) {
      if (pending.length) yield pending;
      pending = [];
      for (let i = 0; i < x.length; i += size) yield x.slice(i, i + size);
    } else {
      pending.push(x as T);
      if (pending.length === size) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length) yield pending;
}
