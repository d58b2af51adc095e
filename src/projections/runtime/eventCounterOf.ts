import type { EventStore, LogPosition } from '../../ports/eventStore';

/** Counts committed events after a position (null = all of them). */
export type EventCounter = (after: LogPosition | null) => Promise<number>;

/** Rebuild progress and projection lag from the store's backlog (the PostgreSQL adapter counts in its
 * `$all` index), capped at `limit`. */
export function eventCounterOf(store: Pick<EventStore, 'backlog'>, limit = 10_000_000): EventCounter {
  return async (after) => (await store.backlog(after, { limit })).events;
}
