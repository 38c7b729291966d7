/**
 * What the benchmark measures in the app's page besides wall time: the main thread's long tasks during a run, and
 * how fast a stored snapshot opens again.
 */
import type { Page } from 'playwright-core';

export interface LongTasks {
  count: number;
  /** Milliseconds: the longest task, and all of them together. */
  max: number;
  total: number;
}

export interface Reopen {
  /** Seconds from reloading the overview's hash until it shows its VRP count. */
  overview: number;
  /** Seconds from going to the trust tree's hash until its first row is on screen. */
  tree: number;
}

interface Probe {
  tasks: { at: number; ms: number }[];
  /** performance.now() when body[data-run-state] first took each value. */
  states: Record<string, number>;
}

/** Runs in the page before the app: records every main-thread task over 50 ms, and when the run starts and ends. */
function installProbe(): void {
  const probe: Probe = { tasks: [], states: {} };
  (window as unknown as { benchProbe: Probe }).benchProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.tasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // The whole document, subtree: <body> may not exist yet.
  new MutationObserver(() => {
    const s = document.body.dataset.runState;
    if (s && !(s in probe.states)) probe.states[s] = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-run-state'] });
}

/**
 * Watches the page's long tasks from its next navigation. The function it returns sums those of the run: the tasks
 * that ended after the run started and began before it was done (not the app's start, nor the reopening).
 */
export async function watchLongTasks(page: Page): Promise<() => Promise<LongTasks>> {
  await page.addInitScript(installProbe);
  return async () => {
    const { tasks, states } = await page.evaluate(() => (window as unknown as { benchProbe: Probe }).benchProbe);
    if (states.running === undefined || states.done === undefined) throw new Error(`the run's start or end was not seen: ${JSON.stringify(states)}`);
    const ms = tasks.filter((t) => t.at + t.ms >= states.running && t.at <= states.done).map((t) => t.ms);
    return { count: ms.length, max: Math.max(0, ...ms), total: ms.reduce((a, b) => a + b, 0) };
  };
}

async function secondsUntil(page: Page, action: () => Promise<unknown>, selector: string): Promise<number> {
  const t0 = performance.now();
  await action();
  await page.locator(selector).first().waitFor({ timeout: 5 * 60_000 });
  return (performance.now() - t0) / 1000;
}

/** Times opening the snapshot a finished run shows (the page is on its overview) from storage again. */
export async function timeReopen(page: Page): Promise<Reopen> {
  const hash = new URL(page.url()).hash;
  if (!/^#\/s\/[^/?]+$/.test(hash)) throw new Error(`the finished run shows ${hash}, not a snapshot's overview`);
  const overview = await secondsUntil(page, () => page.reload({ waitUntil: 'commit' }), '[data-testid="vrp-count"]');
  const tree = await secondsUntil(page, () => page.evaluate((h) => (location.hash = h), `${hash}/tree`), '.tree-view li[data-index]');
  return { overview, tree };
}
