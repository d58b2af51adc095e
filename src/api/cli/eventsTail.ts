import type { EventStore, LogPosition, Subscription } from '../../ports/eventStore';
import { formatLogPosition } from '../../ports/logPosition';

export interface EventsTailOptions {
  /** Start after this position; by default only the last `last` events are replayed. */
  after?: LogPosition | null;
  last?: number;
}

/** `events tail`: follows `$all`, one line per event, until stopped. */
export async function eventsTail(store: EventStore, options: EventsTailOptions, write: (line: string) => void): Promise<Subscription> {
  let after = options.after ?? null;
  if (!options.after && options.last !== undefined) after = await positionBeforeLast(store, options.last);
  return store.subscribeToAll({
    after,
    async onEvent(event) {
      write(`${formatLogPosition(event.position)} ${event.streamName}#${event.streamPosition} ${event.type} ${JSON.stringify(event.data)}`);
    },
    onError(error) {
      write(`subscription error: ${error instanceof Error ? error.message : String(error)}`);
    },
  });
}

async function positionBeforeLast(store: EventStore, last: number): Promise<LogPosition | null> {
  // $all reads forwards only; keep a ring of the most recent positions.
  const ring: LogPosition[] = [];
  let after: LogPosition | null = null;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 5000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      ring.push(event.position);
      if (ring.length > last + 1) ring.shift();
    }
    after = batch.at(-1)!.position;
  }
  return ring.length > last ? ring[0]! : null;
}
