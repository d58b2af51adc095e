import type { ColumnType } from 'kysely';

/** Row shape of the `tenants` read model, for Kysely queries. */
export interface TenantsTable {
  tenant_id: string;
  name: string;
  status: 'active' | 'deleted';
  deleted_reason: string | null;
  created_by: string;
  created_at: ColumnType<Date, string, string>;
  updated_at: ColumnType<Date, string, string>;
  /** Stream version of the last event applied (first event = 0). */
  version: number;
  last_transaction_id: number;
  last_global_position: number;
}

export interface TenantsDatabase {
  tenants: TenantsTable;
}
