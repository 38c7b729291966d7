/**
 * Set algebra over sorted lists of inclusive spans, shared by IP ranges (bigint) and AS ranges (number). A list is
 * normalised when it is sorted by `min` and no two spans overlap or touch; every function here except `normalise`
 * and `encodingIssues` expects normalised input and returns normalised output.
 */

export type Scalar = number | bigint;

export interface Span<T extends Scalar> {
  min: T;
  max: T;
}

/** Sorts a copy and merges spans that overlap or touch (`succ(a.max) === b.min`). */
export function normalise<T extends Scalar>(spans: readonly Span<T>[], succ: (x: T) => T): Span<T>[] {
  const sorted = spans.map((s) => ({ min: s.min, max: s.max })).sort((a, b) => (a.min < b.min ? -1 : a.min > b.min ? 1 : 0));
  const out: Span<T>[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && (s.min <= last.max || s.min === succ(last.max))) {
      if (s.max > last.max) last.max = s.max;
    } else out.push(s);
  }
  return out;
}

/** Index of the last span whose min ≤ x, or -1. */
function floorIndex<T extends Scalar>(spans: readonly Span<T>[], x: T): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].min <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether every span of `inner` lies inside one span of `outer`: O(|inner| · log |outer|). */
export function contains<T extends Scalar>(outer: readonly Span<T>[], inner: readonly Span<T>[]): boolean {
  for (const s of inner) {
    const i = floorIndex(outer, s.min);
    if (i < 0 || outer[i].max < s.max) return false;
  }
  return true;
}

/** The parts of `a` not covered by `b`. */
export function subtract<T extends Scalar>(
  a: readonly Span<T>[],
  b: readonly Span<T>[],
  succ: (x: T) => T,
  pred: (x: T) => T,
): Span<T>[] {
  const out: Span<T>[] = [];
  let j = 0;
  for (const s of a) {
    while (j < b.length && b[j].max < s.min) j++;
    let lo = s.min;
    let covered = false;
    for (let k = j; k < b.length && b[k].min <= s.max; k++) {
      if (b[k].min > lo) out.push({ min: lo, max: pred(b[k].min) });
      if (b[k].max >= s.max) {
        covered = true;
        break;
      }
      lo = succ(b[k].max);
    }
    if (!covered) out.push({ min: lo, max: s.max });
  }
  return out;
}

/** The spans covered by both `a` and `b`. */
export function intersect<T extends Scalar>(a: readonly Span<T>[], b: readonly Span<T>[]): Span<T>[] {
  const out: Span<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i].min > b[j].min ? a[i].min : b[j].min;
    const hi = a[i].max < b[j].max ? a[i].max : b[j].max;
    if (lo <= hi) out.push({ min: lo, max: hi });
    if (a[i].max < b[j].max) i++;
    else j++;
  }
  return out;
}

export type EncodingIssue = 'order' | 'overlap' | 'adjacent';

/**
 * The first departure of an encoded list from the canonical form RFC 3779 asks for (§2.2.3.6 for addresses,
 * §3.2.3.4 for AS numbers): each span must start after the previous one ends, with a gap between them.
 * Checking neighbours suffices: if every neighbour pair is ordered and apart, the whole list is.
 */
export function encodingIssues<T extends Scalar>(
  spans: readonly Span<T>[],
  succ: (x: T) => T,
): { issue: EncodingIssue; index: number }[] {
  const out: { issue: EncodingIssue; index: number }[] = [];
  const seen = new Set<EncodingIssue>();
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    let issue: EncodingIssue | undefined;
    if (cur.min <= prev.max) issue = cur.min < prev.min ? 'order' : 'overlap';
    else if (cur.min === succ(prev.max)) issue = 'adjacent';
    if (issue && !seen.has(issue)) {
      seen.add(issue);
      out.push({ issue, index: i });
    }
  }
  return out;
}
