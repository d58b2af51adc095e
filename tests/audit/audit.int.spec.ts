import type pg from 'pg';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../src/adapters/eventstore/postgres/migrateEventStore';
import type { EventStore } from '../../src/ports/eventStore';
import { createTestPool, dropSchema, uniqueSchemaName } from '../support/postgres';
import { auditContract, seedHistory, type History } from './auditContract';

let pool: pg.Pool;
let store: EventStore;
let history: History;
const schema = uniqueSchemaName('audit');

beforeAll(async () => {
  pool = createTestPool(4);
  await migrateEventStore(pool, schema);
  store = createPostgresEventStore({ pool, schema });
  history = await seedHistory(store);
});
afterAll(async () => {
  await store?.close();
  await dropSchema(pool, schema);
  await pool.end();
});

describe('audit over the PostgreSQL event store', () => auditContract(() => store, () => history));
