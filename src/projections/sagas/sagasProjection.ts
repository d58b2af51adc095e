import { sql } from 'kysely';
import type { RecordedEvent } from '../../ports/eventStore';
import type { SagaEvent } from '../../domain/saga/sagaEvents';
import type { SagaTrigger } from '../../domain/saga/sagaTrigger';
import { parseSagaStreamName, sagaStreamName } from '../../domain/saga/sagaStreamName';
import { backupSagaTriggers } from '../../domain/saga/backupSagaTriggers';
import { instanceSagaTriggers } from '../../domain/saga/instanceSagaTriggers';
import { tenantSagaTriggers } from '../../domain/saga/tenantSagaTriggers';
import { billingSagaTriggers } from '../../domain/saga/billingSagaTriggers';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';
import { migrateSagas } from './migrateSagas';

// Several saga kinds may start on one event (an InstanceDeletionRequested starts deleteInstance and
// endSubscription): each event type keeps all of its triggers.
const triggers = new Map<string, SagaTrigger[]>();
for (const trigger of [...instanceSagaTriggers, ...backupSagaTriggers, ...tenantSagaTriggers, ...billingSagaTriggers]) {
  triggers.set(trigger.eventType, [...(triggers.get(trigger.eventType) ?? []), trigger]);
}

/** The `sagas` read model: one row per saga, from its trigger on. It is both the operators' view
 * (CLI, instance status) and the workers' to-do list: a saga is indexed as `pending` the moment its
 * trigger is in `$all`, so a worker that dies before starting it loses nothing. */
export const sagasProjection: Projection<'sagas'> = {
  name: 'sagas',
  // 2: sagas of every kind an event starts (version 1 indexed one per event type).
  version: 2,
  tables: ['sagas'],
  migrate: migrateSagas,
  async handle(events, trx, tables) {
    for (const event of events) {
      const started = triggers.get(event.type);
      if (started) for (const trigger of started) await indexTrigger(trx, tables, trigger, event);
      else if (event.streamName.startsWith('saga-')) await applySagaEvent(trx, tables, event);
    }
  },
};

async function indexTrigger(trx: ProjectionTransaction, tables: TableNames<'sagas'>, trigger: SagaTrigger, event: RecordedEvent): Promise<void> {
  const sagaId = trigger.sagaId(event);
  await sql`INSERT INTO ${sql.id(tables.sagas.schema, tables.sagas.name)}
      (stream_name, saga_name, saga_id, subject_id, tenant_id, status, input, trigger_event_id, correlation_id, started_at, updated_at)
    VALUES (${sagaStreamName(trigger.sagaName, sagaId)}, ${trigger.sagaName}, ${sagaId}, ${trigger.subjectId(event)},
      ${(event.data as { tenantId?: string }).tenantId ?? event.metadata.tenantId ?? null}, 'pending', ${JSON.stringify(event.data)}::jsonb,
      ${event.eventId}, ${event.metadata.correlationId ?? event.eventId}, ${event.createdAt}, ${event.createdAt})
    ON CONFLICT (stream_name) DO NOTHING`.execute(trx);
}

async function applySagaEvent(trx: ProjectionTransaction, tables: TableNames<'sagas'>, recorded: RecordedEvent): Promise<void> {
  const names = parseSagaStreamName(recorded.streamName);
  if (!names) return;
  const table = sql.id(tables.sagas.schema, tables.sagas.name);
  const at = recorded.createdAt;
  const where = sql`WHERE stream_name = ${recorded.streamName}`;
  const event = recorded as unknown as SagaEvent;
  switch (event.type) {
    case 'SagaStarted': {
      const d = event.data;
      await sql`INSERT INTO ${table} (stream_name, saga_name, saga_id, subject_id, tenant_id, status, input, trigger_event_id, correlation_id, started_at, updated_at)
        VALUES (${recorded.streamName}, ${d.sagaName}, ${d.sagaId}, ${d.subjectId}, ${d.tenantId}, 'running', ${JSON.stringify(d.input)}::jsonb,
          ${d.triggerEventId}, ${d.correlationId}, ${at}, ${at})
        ON CONFLICT (stream_name) DO UPDATE SET status = CASE WHEN ${table}.status = 'pending' THEN 'running' ELSE ${table}.status END, updated_at = ${at}`.execute(trx);
      return;
    }
    case 'SagaStepCompleted':
      await sql`UPDATE ${table} SET last_completed_step = ${event.data.step}, steps_completed = steps_completed + 1, current_step = NULL,
        attempts = 0, last_error = NULL, retry_at = NULL, updated_at = ${at} ${where}`.execute(trx);
      return;
    case 'SagaStepFailed': {
      const d = event.data;
      const compensating = d.permanent && d.phase === 'run';
      await sql`UPDATE ${table} SET current_step = ${d.step}, attempts = ${d.attempt}, last_error = ${d.error}, retry_at = ${d.retryAt},
        status = CASE WHEN ${compensating} THEN 'compensating' ELSE status END, updated_at = ${at} ${where}`.execute(trx);
      return;
    }
    case 'SagaStepDeferred':
      await sql`UPDATE ${table} SET current_step = ${event.data.step}, retry_at = ${event.data.until}, updated_at = ${at} ${where}`.execute(trx);
      return;
    case 'SagaCompensated':
      await sql`UPDATE ${table} SET status = 'compensating', current_step = ${event.data.step}, retry_at = NULL, attempts = 0, updated_at = ${at} ${where}`.execute(trx);
      return;
    case 'SagaCompleted':
      await sql`UPDATE ${table} SET status = ${event.data.outcome}, current_step = NULL, retry_at = NULL,
        last_error = coalesce(${event.data.reason}, last_error), updated_at = ${at} ${where}`.execute(trx);
      return;
    case 'SagaRetryRequested':
      await sql`UPDATE ${table} SET retry_at = NULL, attempts = 0, updated_at = ${at} ${where}`.execute(trx);
      return;
    case 'SagaCancelRequested':
      await sql`UPDATE ${table} SET cancel_requested = true, retry_at = NULL, updated_at = ${at} ${where}`.execute(trx);
      return;
    default:
      return;
  }
}
