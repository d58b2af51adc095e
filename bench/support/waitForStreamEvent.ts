import type { EventStore, RecordedEvent } from '../../src/ports/eventStore';

/** Polls a stream every 20 ms (finer than a saga step, so the wait adds little to what it times)
 * until an event of one of `types` is in it. */
export async function waitForStreamEvent(store: EventStore, stream: string, types: string[], timeoutMs = 600_000): Promise<RecordedEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await store.readStream(stream)).find((event) => types.includes(event.type));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${types.join('/')} in ${stream} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
