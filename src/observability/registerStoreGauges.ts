import { Gauge } from 'prom-client';
import type pg from 'pg';
import { readerHeldBackSince } from '../adapters/eventstore/postgres/readerHeldBackSince';
import { metricsRegistry } from './metrics';
import { createPostgresEventCounter } from '../projections/runtime/createPostgresEventCounter';
import type { ProjectionDb } from '../projections/runtime/projection';
import { projectionStatus } from '../projections/runtime/projectionStatus';

let registered = false;

/** Gauges read at scrape time: projection lag and how long `$all` readers have been held back by an
 * open transaction (docs/architecture.md, Event store). Registered once per process. */
export function registerStoreGauges(pool: pg.Pool, db: ProjectionDb, schemas: { eventStore: string; readModels: string }): void {
  if (registered) return;
  registered = true;
  const countEvents = createPostgresEventCounter(db, schemas.eventStore, 1_000_000);
  new Gauge({
    name: 'platform_projection_lag_events',
    help: 'Events in the store that a projection has not applied yet',
    labelNames: ['projection'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const status of await projectionStatus(db, { schema: schemas.readModels, countEvents })) {
        this.set({ projection: status.name }, status.lag ?? 0);
      }
    },
  });
  new Gauge({
    name: 'platform_eventstore_reader_held_back_seconds',
    help: 'Age of the oldest open transaction holding back gap-safe $all readers (0 when none)',
    registers: [metricsRegistry],
    async collect() {
      const holdBack = await readerHeldBackSince(pool);
      this.set(holdBack?.ageSeconds ?? 0);
    },
  });
}
