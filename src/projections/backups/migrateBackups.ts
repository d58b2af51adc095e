import { sql } from 'kysely';
import type { ProjectionTransaction, TableNames } from '../runtime/projection';

/** The backup catalogue under whatever physical name the runtime asks for (rebuilds use another). */
export async function migrateBackups(trx: ProjectionTransaction, tables: TableNames<'backups'>): Promise<void> {
  const { schema, name } = tables.backups;
  await sql`CREATE TABLE ${sql.id(schema, name)} (
    backup_id uuid PRIMARY KEY,
    instance_id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('started', 'completed', 'failed', 'pruned')),
    mode text NOT NULL,
    trigger text NOT NULL,
    slot timestamptz,
    requested_by text NOT NULL,
    started_at timestamptz NOT NULL,
    completed_at timestamptz,
    total_bytes bigint,
    manifest jsonb,
    failure_reason text,
    verification text CHECK (verification IN ('verified', 'failed')),
    verified_at timestamptz,
    verification_detail text,
    offsite jsonb,
    updated_at timestamptz NOT NULL,
    last_transaction_id bigint NOT NULL,
    last_global_position bigint NOT NULL
  )`.execute(trx);
  // An instance's history, newest first: the listing route, retention and the drill all read it so.
  await sql`CREATE INDEX ${sql.id(`${name}_instance_idx`)} ON ${sql.id(schema, name)} (instance_id, started_at DESC)`.execute(trx);
}
