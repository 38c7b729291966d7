/**
 * Turns for the host's other tasks while a snapshot is read. Reading runs on settled promises, in microtasks, for as
 * long as data is buffered, and tasks wait meanwhile: in the app, IndexedDB's callbacks and the workers' messages,
 * so that validation could not start before reading ended. A message through a channel gives them a turn for a few
 * microseconds; a timer would cost up to 4 ms a turn (HTML clamps nested timers).
 */
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

export function giveTurn(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    (channel.port1 as { unref?: () => void }).unref?.(); // Node: a channel must not keep the process alive
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(0);
  });
}
