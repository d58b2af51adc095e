import type pg from 'pg';
import type { Config } from '../config';
import type { EventStore } from '../ports/eventStore';
import { createEventStoreDbEventStore } from '../adapters/eventstore/eventstoredb/createEventStoreDbEventStore';
import { createPostgresEventStore } from '../adapters/eventstore/postgres/createPostgresEventStore';

/** The event store the config names; the platform and the operator CLI must read the same one. */
export function eventStoreFromConfig(config: Pick<Config, 'EVENTSTORE_ADAPTER' | 'EVENTSTORE_URL' | 'EVENTSTORE_SCHEMA'>, pool: pg.Pool): EventStore {
  if (config.EVENTSTORE_ADAPTER === 'postgres') return createPostgresEventStore({ pool, schema: config.EVENTSTORE_SCHEMA });
  if (!config.EVENTSTORE_URL) throw new Error('EVENTSTORE_ADAPTER=eventstoredb needs EVENTSTORE_URL');
  return createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL });
}
