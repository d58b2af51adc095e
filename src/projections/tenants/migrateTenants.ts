import { sql } from 'kysely';
import type { ProjectionTransaction, TableNames } from '../runtime/projection';

/** Creates the tenants table under whatever physical name the runtime asks for (rebuilds use a
 * temporary one), so names of constraints and indexes derive from it and never clash. */
export async function migrateTenants(trx: ProjectionTransaction, tables: TableNames<'tenants'>): Promise<void> {
  const { schema, name } = tables.tenants;
  await sql`CREATE TABLE ${sql.id(schema, name)} (
    tenant_id uuid PRIMARY KEY,
    name text NOT NULL,
    status text NOT NULL CHECK (status IN ('active', 'deleted')),
    deleted_reason text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL,
    last_transaction_id bigint NOT NULL,
    last_global_position bigint NOT NULL
  )`.execute(trx);
  // Listing without deleted tenants pages through the primary key filtered by status; this keeps
  // that an index range scan when deleted tenants pile up.
  await sql`CREATE INDEX ${sql.id(`${name}_active_idx`)} ON ${sql.id(schema, name)} (tenant_id) WHERE status = 'active'`.execute(trx);
}
