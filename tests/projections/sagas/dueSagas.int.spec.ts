import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createKysely } from '../../../src/adapters/postgres/createKysely';
import { migrateSagas } from '../../../src/projections/sagas/migrateSagas';
import { dueSagas } from '../../../src/projections/sagas/querySagas';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';

// The to-do list of one saga processor holds only the kinds it runs: the instance worker's processor
// was handed due backup sagas (and the backup worker's due instance sagas) on every look, could not
// run them, and looked again at once: a busy loop of queries while any saga of the other kind was due.
test('due sagas are those of the asked kinds, not running elsewhere here, and not waiting', async () => {
  const pool = createTestPool(2);
  const db = createKysely(pool);
  const schema = uniqueSchemaName('due');
  try {
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
    await db.transaction().execute((trx) => migrateSagas(trx, { sagas: { schema, name: 'sagas' } }));
    const row = (sagaName: string, status: string, retryAt: Date | null = null) => ({
      stream_name: `saga${sagaName}-${randomUUID()}`, saga_name: sagaName, saga_id: randomUUID(), subject_id: randomUUID(),
      status, input: '{}', trigger_event_id: randomUUID(), correlation_id: 'c', started_at: new Date(), updated_at: new Date(), retry_at: retryAt,
    });
    const rows = [
      row('provisionInstance', 'running'), row('provisionInstance', 'pending'), row('provisionInstance', 'completed'),
      row('provisionInstance', 'running', new Date(Date.now() + 60_000)), row('backupInstance', 'running'),
    ];
    for (const r of rows) await sql`INSERT INTO ${sql.id(schema, 'sagas')} (stream_name, saga_name, saga_id, subject_id, status, input, trigger_event_id, correlation_id, started_at, updated_at, retry_at)
      VALUES (${r.stream_name}, ${r.saga_name}, ${r.saga_id}, ${r.subject_id}, ${r.status}, ${r.input}::jsonb, ${r.trigger_event_id}, ${r.correlation_id}, ${r.started_at}, ${r.updated_at}, ${r.retry_at})`.execute(db);

    const instanceDue = await dueSagas(db, schema, ['provisionInstance', 'deleteInstance'], [rows[1]!.stream_name], 10);
    expect(instanceDue.map((s) => s.streamName)).toEqual([rows[0]!.stream_name]);
    const backupDue = await dueSagas(db, schema, ['backupInstance'], [], 10);
    expect(backupDue.map((s) => s.streamName)).toEqual([rows[4]!.stream_name]);
    expect(await dueSagas(db, schema, ['restoreBackup'], [], 10)).toEqual([]);
  } finally {
    await dropSchema(pool, schema);
    await db.destroy();
  }
});
