import { v7 as uuidv7 } from 'uuid';
import type { EventStore, LogPosition, NewEvent, RecordedEvent } from '../../../src/ports/eventStore';

/** Fresh per test so adapters sharing a store (EventStoreDB) never see each other's streams. */
export function freshStream(category = 'contract'): string {
  return `${category}-${uuidv7()}`;
}

export function newEvents(count: number, type = 'ThingHappened', from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    type,
    data: { n: from + index },
    metadata: { correlationId: `c-${from + index}`, actor: 'system:contract' },
  }));
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Pages `$all` from `after` until `expected` events of `streams` arrived; gap-safe stores may hold
 * committed events back while another transaction is open, so an empty page is not the end. */
export async function readAllPaged(
  store: EventStore,
  after: LogPosition,
  streams: Set<string>,
  expected: number,
  pageSize = 97,
  timeoutMs = 30_000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  let cursor = after;
  const deadline = Date.now() + timeoutMs;
  while (seen.length < expected) {
    if (Date.now() > deadline) throw new Error(`read ${seen.length} of ${expected} events`);
    const page = await store.readAll({ after: cursor, maxCount: pageSize });
    if (page.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    for (const event of page) if (streams.has(event.streamName)) seen.push(event);
    cursor = page[page.length - 1]!.position;
  }
  return seen;
}
