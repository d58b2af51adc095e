import { Gauge } from 'prom-client';
import type { EventStore } from '../ports/eventStore';
import { metricsRegistry } from './metrics';
import { eventCounterOf } from '../projections/runtime/eventCounterOf';
import type { ProjectionDb } from '../projections/runtime/projection';
import { projectionStatus } from '../projections/runtime/projectionStatus';

let registered = false;

export interface StoreGaugeSources {
  store: Pick<EventStore, 'backlog'>;
  db: ProjectionDb;
  readModelSchema: string;
  /** Seconds the oldest open transaction has held back gap-safe `$all` readers (0 when none); only
   * the PostgreSQL event store has this (docs/architecture.md, Event store). */
  readerHeldBackSeconds?: () => Promise<number>;
}

/** Gauges read at scrape time: projection lag and how long `$all` readers have been held back by an
 * open transaction. Registered once per process. */
export function registerStoreGauges(sources: StoreGaugeSources): void {
  if (registered) return;
  registered = true;
  const countEvents = eventCounterOf(sources.store, 1_000_000);
  new Gauge({
    name: 'platform_projection_lag_events',
    help: 'Events in the store that a projection has not applied yet',
    labelNames: ['projection'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const status of await projectionStatus(sources.db, { schema: sources.readModelSchema, countEvents })) {
        this.set({ projection: status.name }, status.lag ?? 0);
      }
    },
  });
  const heldBack = sources.readerHeldBackSeconds;
  if (!heldBack) return;
  new Gauge({
    name: 'platform_eventstore_reader_held_back_seconds',
    help: 'Age of the oldest open transaction holding back gap-safe $all readers (0 when none)',
    registers: [metricsRegistry],
    async collect() {
      this.set(await heldBack());
    },
  });
}
