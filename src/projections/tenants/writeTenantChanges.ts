import { sql } from 'kysely';
import type { ProjectionTransaction, TableNames } from '../runtime/projection';
import type { TenantChanges } from './foldTenantEvents';

/** Writes a folded batch with at most two statements, each one multi-row through `unnest` (the
 * rebuild path that ran at ~210k events/s, docs/architecture.md, Event store). */
export async function writeTenantChanges(trx: ProjectionTransaction, tables: TableNames<'tenants'>, { upserts, patches }: TenantChanges): Promise<void> {
  const table = sql.id(tables.tenants.schema, tables.tenants.name);
  if (upserts.length > 0) {
    await sql`
      INSERT INTO ${table} AS t (tenant_id, name, status, deleted_reason, created_by, created_at, updated_at, version, last_transaction_id, last_global_position)
      SELECT * FROM unnest(
        ${upserts.map((row) => row.tenantId)}::uuid[], ${upserts.map((row) => row.name)}::text[],
        ${upserts.map((row) => row.status)}::text[], ${upserts.map((row) => row.deletedReason)}::text[],
        ${upserts.map((row) => row.createdBy)}::text[], ${upserts.map((row) => row.createdAt)}::timestamptz[],
        ${upserts.map((row) => row.updatedAt)}::timestamptz[], ${upserts.map((row) => row.version)}::bigint[],
        ${upserts.map((row) => row.lastTransactionId)}::bigint[], ${upserts.map((row) => row.lastGlobalPosition)}::bigint[])
      ON CONFLICT (tenant_id) DO UPDATE SET
        name = EXCLUDED.name, status = EXCLUDED.status, deleted_reason = EXCLUDED.deleted_reason,
        created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        version = EXCLUDED.version, last_transaction_id = EXCLUDED.last_transaction_id,
        last_global_position = EXCLUDED.last_global_position`.execute(trx);
  }
  if (patches.length > 0) {
    // A rename only lands on a row that is still active, as in the domain's evolve; the stored
    // status is the one before this batch, so a rename-then-delete inside the batch still renames.
    await sql`
      UPDATE ${table} AS t SET
        name = CASE WHEN t.status = 'active' THEN coalesce(u.name, t.name) ELSE t.name END,
        status = CASE WHEN u.deleted THEN 'deleted' ELSE t.status END,
        deleted_reason = CASE WHEN u.deleted AND t.status = 'active' THEN u.deleted_reason ELSE t.deleted_reason END,
        updated_at = u.updated_at, version = u.version,
        last_transaction_id = u.last_transaction_id, last_global_position = u.last_global_position
      FROM unnest(
        ${patches.map((row) => row.tenantId)}::uuid[], ${patches.map((row) => row.name)}::text[],
        ${patches.map((row) => row.deleted)}::boolean[], ${patches.map((row) => row.deletedReason)}::text[],
        ${patches.map((row) => row.updatedAt)}::timestamptz[], ${patches.map((row) => row.version)}::bigint[],
        ${patches.map((row) => row.lastTransactionId)}::bigint[], ${patches.map((row) => row.lastGlobalPosition)}::bigint[]
      ) AS u(tenant_id, name, deleted, deleted_reason, updated_at, version, last_transaction_id, last_global_position)
      WHERE t.tenant_id = u.tenant_id`.execute(trx);
  }
}
