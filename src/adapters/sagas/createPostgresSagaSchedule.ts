import type pg from 'pg';
import type { SagaSchedule } from '../../ports/sagaSchedule';

export async function migrateSagaSchedule(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".saga_schedule (
    stream_name text PRIMARY KEY,
    saga_name text NOT NULL,
    saga_id text NOT NULL,
    subject_id text NOT NULL,
    tenant_id text,
    input jsonb NOT NULL,
    trigger_event_id uuid NOT NULL,
    triggered_at timestamptz NOT NULL,
    correlation_id text NOT NULL,
    due_at timestamptz NOT NULL
  )`);
  await pool.query(`CREATE INDEX IF NOT EXISTS saga_schedule_due_idx ON "${schema}".saga_schedule (saga_name, due_at)`);
}

type Row = {
  stream_name: string; saga_name: string; saga_id: string; subject_id: string; tenant_id: string | null; input: unknown;
  trigger_event_id: string; triggered_at: Date; correlation_id: string; due_at: Date;
};

export function createPostgresSagaSchedule(pool: pg.Pool, schema: string): SagaSchedule {
  const table = `"${schema}".saga_schedule`;
  return {
    async add(saga, client) {
      await (client ?? pool).query(`INSERT INTO ${table} (stream_name, saga_name, saga_id, subject_id, tenant_id, input, trigger_event_id,
          triggered_at, correlation_id, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (stream_name) DO NOTHING`,
      [saga.streamName, saga.sagaName, saga.sagaId, saga.subjectId, saga.tenantId, JSON.stringify(saga.input ?? null), saga.triggerEventId,
        saga.triggeredAt, saga.correlationId, saga.dueAt]);
    },
    async due(sagaNames, exclude, limit) {
      const { rows } = await pool.query<Row>(`SELECT * FROM ${table} WHERE saga_name = ANY($1::text[]) AND due_at <= now()
          AND NOT (stream_name = ANY($2::text[])) ORDER BY due_at LIMIT $3`, [[...sagaNames], [...exclude], limit]);
      return rows.map((row) => ({
        streamName: row.stream_name, sagaName: row.saga_name, sagaId: row.saga_id, subjectId: row.subject_id, tenantId: row.tenant_id,
        input: row.input, triggerEventId: row.trigger_event_id, triggeredAt: row.triggered_at, correlationId: row.correlation_id, dueAt: row.due_at,
      }));
    },
    async reschedule(streamName, at) {
      await pool.query(`UPDATE ${table} SET due_at = $2 WHERE stream_name = $1`, [streamName, at]);
    },
    async wakeUp(streamName) {
      const { rowCount } = await pool.query(`UPDATE ${table} SET due_at = now() WHERE stream_name = $1`, [streamName]);
      return (rowCount ?? 0) > 0;
    },
    async remove(streamName) {
      await pool.query(`DELETE FROM ${table} WHERE stream_name = $1`, [streamName]);
    },
  };
}
