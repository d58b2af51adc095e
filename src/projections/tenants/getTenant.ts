import type { Kysely } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';
import { isUuid } from './isUuid';
import type { TenantsDatabase } from './tenantsTable';
import { toTenantView, type TenantView } from './tenantView';

/** A tenant by id (deleted ones included: the caller decides between 404 and 410); null when
 * unknown. `tables` = servingTableNames(tenantsProjection, schema): no lookup per request. */
export async function getTenant(db: ProjectionDb, tables: TableNames<'tenants'>, tenantId: string): Promise<TenantView | null> {
  if (!isUuid(tenantId)) return null;
  const row = await (db as Kysely<TenantsDatabase>)
    .withSchema(tables.tenants.schema)
    .selectFrom(tables.tenants.name as 'tenants')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row ? toTenantView(row) : null;
}
