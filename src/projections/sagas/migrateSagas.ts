import { sql } from 'kysely';
import type { ProjectionTransaction, TableNames } from '../runtime/projection';

export async function migrateSagas(trx: ProjectionTransaction, tables: TableNames<'sagas'>): Promise<void> {
  const { schema, name } = tables.sagas;
  await sql`CREATE TABLE ${sql.id(schema, name)} (
    stream_name text PRIMARY KEY,
    saga_name text NOT NULL,
    saga_id uuid NOT NULL,
    subject_id text NOT NULL,
    tenant_id text,
    status text NOT NULL,
    last_completed_step text,
    steps_completed int NOT NULL DEFAULT 0,
    current_step text,
    attempts int NOT NULL DEFAULT 0,
    last_error text,
    retry_at timestamptz,
    cancel_requested boolean NOT NULL DEFAULT false,
    input jsonb NOT NULL,
    trigger_event_id uuid NOT NULL,
    correlation_id text NOT NULL,
    started_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  )`.execute(trx);
  // Workers poll for due sagas: keep that an index scan over the few unfinished ones.
  await sql`CREATE INDEX ${sql.id(`${name}_due_idx`)} ON ${sql.id(schema, name)} (retry_at)
    WHERE status IN ('pending', 'running', 'compensating')`.execute(trx);
  await sql`CREATE INDEX ${sql.id(`${name}_subject_idx`)} ON ${sql.id(schema, name)} (subject_id, started_at)`.execute(trx);
}
