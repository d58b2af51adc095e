import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createKysely } from '../../../src/adapters/postgres/createKysely';
import { billingSagaTriggers } from '../../../src/domain/saga/billingSagaTriggers';
import { instanceSagaTriggers } from '../../../src/domain/saga/instanceSagaTriggers';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { querySagas } from '../../../src/projections/sagas/querySagas';
import { sagasProjection } from '../../../src/projections/sagas/sagasProjection';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';

// One event may start sagas of several kinds. The read model kept one trigger per event type, so
// when billing's endSubscription began on InstanceDeletionRequested, the deleteInstance saga was no
// longer indexed: the workers' to-do list and the reconciler never saw a deletion again.
test('an event that starts sagas of several kinds indexes each of them', async () => {
  const pool = createTestPool(2);
  const db = createKysely(pool);
  const schema = uniqueSchemaName('sagasrm');
  try {
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
    const tables = { sagas: { schema, name: 'sagas' } };
    await db.transaction().execute((trx) => sagasProjection.migrate(trx, tables));
    const instanceId = randomUUID();
    const tenantId = randomUUID();
    const event: RecordedEvent = {
      eventId: randomUUID(), type: 'InstanceDeletionRequested', data: { instanceId, gracePeriodSeconds: 0, reason: 'closing' },
      metadata: { tenantId, correlationId: randomUUID(), actor: 'user-1' }, streamName: `instance-${instanceId}`, streamPosition: 3,
      position: { transactionId: 1, globalPosition: 10 }, createdAt: new Date(),
    };
    await db.transaction().execute((trx) => sagasProjection.handle([event], trx, tables));
    await db.transaction().execute((trx) => sagasProjection.handle([event], trx, tables));

    const started = [...instanceSagaTriggers, ...billingSagaTriggers].filter((trigger) => trigger.eventType === event.type).map((trigger) => trigger.sagaName).sort();
    expect(started).toEqual(['deleteInstance', 'endSubscription']);
    const indexed = await querySagas(db, schema, { subjectId: instanceId });
    expect(indexed.map((saga) => saga.sagaName).sort()).toEqual(started);
    expect(indexed.every((saga) => saga.status === 'pending' && saga.tenantId === tenantId)).toBe(true);
  } finally {
    await dropSchema(pool, schema);
    await db.destroy();
  }
});
