import type pg from 'pg';
import { migrateBus } from '../../adapters/bus/migrateBus';
import type { EventStore } from '../../ports/eventStore';
import { eventStoreFromConfig } from '../../wiring/eventStoreFromConfig';
import { migrateEventStore } from '../../adapters/eventstore/postgres/migrateEventStore';
import { createKysely } from '../../adapters/postgres/createKysely';
import { createPool } from '../../adapters/postgres/createPool';
import type { Config } from '../../config';
import type { ProjectionDb } from '../../projections/runtime/projection';

export interface CliContext {
  config: Config;
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  close(): Promise<void>;
}

/** What every operator verb needs: the platform database and the event store of the config. */
export async function createCliContext(config: Config): Promise<CliContext> {
  const pool = createPool(config.DATABASE_URL, 4);
  await migrateEventStore(pool, config.EVENTSTORE_SCHEMA);
  await migrateBus(pool, config.BUS_SCHEMA);
  const db = createKysely(pool) as ProjectionDb;
  const store = eventStoreFromConfig(config, pool);
  return {
    config,
    pool,
    db,
    store,
    async close() {
      await store.close();
      await db.destroy();
    },
  };
}
