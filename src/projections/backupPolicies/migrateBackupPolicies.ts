import { sql } from 'kysely';
import type { ProjectionTransaction, TableNames } from '../runtime/projection';

/** One row per (instance, tenant): only the row of the instance's own tenant is ever honoured, so a
 * policy sent naming another tenant cannot replace the owner's. */
export async function migrateBackupPolicies(trx: ProjectionTransaction, tables: TableNames<'backup_policies'>): Promise<void> {
  const { schema, name } = tables.backup_policies;
  await sql`CREATE TABLE ${sql.id(schema, name)} (
    instance_id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    enabled boolean NOT NULL,
    hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    time_zone text NOT NULL,
    retention_daily integer,
    retention_weekly integer,
    retention_monthly integer,
    changed_by text NOT NULL,
    updated_at timestamptz NOT NULL,
    last_transaction_id bigint NOT NULL,
    last_global_position bigint NOT NULL,
    PRIMARY KEY (instance_id, tenant_id)
  )`.execute(trx);
}
