/**
 * A validation run: owns the coordinator worker (workers/validation.worker.ts, reached with comlink), its progress
 * and its end. Cancel terminates the worker, as the worker contract asks; the snapshot it was writing stays in the
 * library, marked incomplete. `document.body.dataset.runState` follows the run ('running', 'done', 'failed',
 * 'cancelled') for the benchmark and the end-to-end stories, and `runPhases` where a finished run's time went.
 */
import { proxy, wrap, type Remote } from 'comlink';
import { store } from './library.svelte.ts';
import { go, snapshotHash } from './route.svelte.ts';
import type { RunEvent, RunRequest, RunResult, SnapshotRequest } from '../../workers/contract.ts';

export type { RunEvent, RunRequest, RunResult };
export type SnapshotInput = SnapshotRequest;

interface Coordinator {
  run(request: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunResult>;
}

type WorkerModule = { default: new (options?: { name?: string }) => Worker };
// A glob, so that the app still builds while the worker is missing: starting a run then says so.
const workerModules = import.meta.glob<WorkerModule>('../../workers/validation.worker.ts', { query: '?worker' });

export type RunState = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export class Run {
  state = $state<RunState>('idle');
  progress = $state.raw<RunEvent | null>(null);
  problem = $state<string | null>(null);
  result = $state.raw<RunResult | null>(null);
  label = $state('');
  /** Changes when stored snapshots may have changed without a state change (a cancelled run marked incomplete). */
  stored = $state(0);
  private worker?: Worker;

  private setState(s: RunState): void {
    this.state = s;
    document.body.dataset.runState = s;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Runs one validation; resolves with the stored snapshot's id, or undefined when it failed or was cancelled. */
  async start(request: RunRequest, label: string): Promise<string | undefined> {
    if (this.running) this.cancel();
    this.label = label;
    this.problem = null;
    this.result = null;
    this.progress = { phase: 'load', objectsDone: 0, objectsTotal: 0, publicationPoints: 0, rate: 0, etaSeconds: 0 };
    this.setState('running');
    const load = Object.values(workerModules)[0];
    if (!load) {
      this.problem = 'This build has no validation worker (workers/validation.worker.ts).';
      this.setState('failed');
      return undefined;
    }
    let worker: Worker;
    try {
      worker = new (await load()).default({ name: 'validation' });
    } catch (e) {
      this.problem = `The validation worker could not start: ${e instanceof Error ? e.message : String(e)}`;
      this.setState('failed');
      return undefined;
    }
    this.worker = worker;
    const remote: Remote<Coordinator> = wrap<Coordinator>(worker);
    const crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(e.message || 'the validation worker crashed')));
    });
    try {
      const result = await Promise.race([
        remote.run(
          request,
          proxy((e: RunEvent) => {
            if (this.worker === worker) this.progress = e;
          }),
        ),
        crashed,
      ]);
      if (this.worker !== worker) return undefined;
      this.result = result;
      document.body.dataset.runPhases = Object.entries(result.phasesMs).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s`).join(', ');
      this.setState('done');
      return result.snapshotId;
    } catch (e) {
      if (this.worker !== worker) return undefined;
      this.problem = e instanceof Error ? e.message : String(e);
      this.setState('failed');
      return undefined;
    } finally {
      if (this.worker === worker) {
        this.worker = undefined;
        worker.terminate();
      }
    }
  }

  cancel(): void {
    const w = this.worker;
    if (!w) return;
    const writing = this.progress?.snapshotId;
    this.worker = undefined;
    w.terminate();
    this.setState('cancelled');
    this.problem = 'The run was cancelled; what it stored so far is in the library, marked incomplete.';
    // The worker held the snapshot's lock; once the browser lets go of it the snapshot can be marked incomplete.
    void store()
      .then((s) => s.markIncomplete(writing))
      .catch(() => undefined)
      .then(() => this.stored++);
  }
}

/** The app's one run. */
export const run = new Run();

/** Starts a run and, when it stores a snapshot, shows its overview. */
export async function runAndShow(request: RunRequest, label: string): Promise<void> {
  const id = await run.start(request, label);
  if (id) go(snapshotHash(id), true);
}

/** The bundled RIR TALs (static/tals/), by name. */
export const RIR_TALS = ['afrinic', 'apnic', 'arin', 'lacnic', 'ripe'] as const;

export async function fetchTals(names: readonly string[]): Promise<{ name: string; text: string }[]> {
  return Promise.all(
    names.map(async (name) => {
      const r = await fetch(`tals/${name}.tal`);
      if (!r.ok) throw new Error(`The bundled TAL ${name}.tal could not be read (HTTP ${r.status}).`);
      return { name, text: await r.text() };
    }),
  );
}
