import { sql } from 'kysely';
import type { ProjectionTransaction, TableNames } from '../runtime/projection';

export async function migrateInstances(trx: ProjectionTransaction, tables: TableNames<'instances'>): Promise<void> {
  const { schema, name } = tables.instances;
  await sql`CREATE TABLE ${sql.id(schema, name)} (
    instance_id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    description text NOT NULL DEFAULT '',
    subdomain text NOT NULL,
    plan text NOT NULL,
    odoo_version text NOT NULL,
    server_version text,
    admin_login text,
    usage_level text NOT NULL DEFAULT 'ok',
    admin_email text NOT NULL,
    demo_data boolean NOT NULL,
    language text NOT NULL,
    status text NOT NULL,
    pending_operation text,
    health text NOT NULL,
    health_detail text,
    url text,
    failure_reason text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL,
    last_transaction_id bigint NOT NULL,
    last_global_position bigint NOT NULL
  )`.execute(trx);
  await sql`CREATE INDEX ${sql.id(`${name}_tenant_idx`)} ON ${sql.id(schema, name)} (tenant_id, instance_id)`.execute(trx);
}
