/**
 * Reading a snapshot whose bytes are all at hand runs in microtasks from start to end; with turns, the host's other
 * tasks (in the app: storage callbacks, the workers' results) run while it reads.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../testing/fixtures.ts';
import { loadInto } from './load.ts';

/** An uncompressed archive in memory, as one chunk: nothing in reading it waits for a task. */
const archive = gunzipSync(fixture('forge/medium/snapshot.tar.gz'));

/** How many objects had been read when a task queued at the start ran, and how many there are. */
async function readWhenTaskRan(turnEveryMs?: number): Promise<[number, number]> {
  const objects = new Map<string, Uint8Array>();
  let seen = -1;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    seen = objects.size;
    channel.port1.close();
  };
  channel.port2.postMessage(0);
  await loadInto(new Uint8Array(archive), 'snapshot.tar', objects, { turnEveryMs });
  await new Promise((r) => setTimeout(r, 10));
  return [seen, objects.size];
}

describe('turns while reading', () => {
  it('without turns, a task waits for the whole archive', async () => {
    const [seen, total] = await readWhenTaskRan();
    expect(total).toBeGreaterThan(4000);
    expect(seen).toBe(total);
  });

  it('with turns, a task runs while the archive is read', async () => {
    const [seen, total] = await readWhenTaskRan(0);
    expect(seen).toBeGreaterThanOrEqual(0);
    expect(seen).toBeLessThan(total / 10);
  });
});
