import type { Selectable } from 'kysely';
import type { LogPosition } from '../../ports/eventStore';
import type { TenantsTable } from './tenantsTable';

/** What query routes return for a tenant. */
export interface TenantView {
  tenantId: string;
  name: string;
  status: 'active' | 'deleted';
  deletedReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Stream version: pass it as expectedVersion for optimistic concurrency. */
  version: number;
  /** `$all` position of the last event applied to this row. */
  lastPosition: LogPosition;
}

export function toTenantView(row: Selectable<TenantsTable>): TenantView {
  return {
    tenantId: row.tenant_id,
    name: row.name,
    status: row.status,
    deletedReason: row.deleted_reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    lastPosition: { transactionId: Number(row.last_transaction_id), globalPosition: Number(row.last_global_position) },
  };
}
