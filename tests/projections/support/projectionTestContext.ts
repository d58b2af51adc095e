import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { EventStore, NewEvent } from '../../../src/ports/eventStore';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { createKysely } from '../../../src/adapters/postgres/createKysely';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';

export interface ProjectionTestContext {
  pool: pg.Pool;
  db: Kysely<unknown>;
  /** A fresh event store schema and read-model schema for one test. */
  fresh(): Promise<{ store: EventStore; eventStoreSchema: string; schema: string }>;
  close(): Promise<void>;
}

/** One pool per suite; each test gets its own schemas, dropped at the end of the suite. */
export function createProjectionTestContext(): ProjectionTestContext {
  const pool = createTestPool(20);
  const db = createKysely<unknown>(pool);
  const schemas: string[] = [];
  const stores: EventStore[] = [];
  return {
    pool,
    db,
    async fresh() {
      const eventStoreSchema = uniqueSchemaName('pes');
      const schema = uniqueSchemaName('prm');
      schemas.push(eventStoreSchema, schema);
      await migrateEventStore(pool, eventStoreSchema);
      const store = createPostgresEventStore({ pool, schema: eventStoreSchema, pollIntervalMs: 200 });
      stores.push(store);
      return { store, eventStoreSchema, schema };
    },
    async close() {
      for (const store of stores) await store.close();
      for (const schema of schemas) await dropSchema(pool, schema);
      await db.destroy();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns true or fails the test after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

export function testEvents(count: number, type = 'Tick'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({ type, data: { index }, metadata: { actor: 'system:test' } }));
}
