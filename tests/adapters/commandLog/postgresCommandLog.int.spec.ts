import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createPostgresCommandLog, migrateCommandLog } from '../../../src/adapters/commandLog/createPostgresCommandLog';
import { createInMemoryEventStore } from '../../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../../src/commands/handleCommand';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';

let pool: pg.Pool;
const schema = uniqueSchemaName('cl');

beforeAll(async () => {
  pool = createTestPool(2);
  await migrateEventStore(pool, schema);
  await migrateCommandLog(pool, schema);
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

// With an event store outside this database (EventStoreDB) the log cannot find commands through the
// `events` table, so it records every result: a repeated command still appends nothing.
it('without the events table, a repeated command that appended returns its first result', async () => {
  const store = createInMemoryEventStore();
  const handleCommand = createCommandPipeline({
    store, commandLog: createPostgresCommandLog(pool, schema, { findThroughEvents: false }), handlers: commandHandlers, conflictRetries: 1,
  });
  const command = { type: 'CreateTenant', data: { name: 'Elsewhere Ltd' }, metadata: { commandId: randomUUID(), correlationId: randomUUID(), actor: 'user-1' } };
  const first = await handleCommand(command);
  const again = await handleCommand(command);
  expect(again).toEqual(first);
  expect(await store.readStream(first.streamName)).toHaveLength(1);
  const { rows } = await pool.query(`SELECT command_type FROM "${schema}".command_results WHERE command_id = $1`, [command.metadata.commandId]);
  expect(rows).toEqual([{ command_type: 'CreateTenant' }]);
});
