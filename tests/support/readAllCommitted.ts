import type { EventStore, RecordedEvent } from '../../src/ports/eventStore';

/** `$all` once it holds at least `count` events. Gap-safe reads stop at the oldest open transaction
 * of the whole cluster (docs/architecture.md, Event store), so a suite running beside this one can hold back, for a
 * while, events this test has already committed. */
export async function readAllCommitted(store: EventStore, count: number, timeoutMs = 30_000): Promise<RecordedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await store.readAll();
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
