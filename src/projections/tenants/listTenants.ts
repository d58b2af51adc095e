import type { Kysely } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';
import { isUuid } from './isUuid';
import type { TenantsDatabase } from './tenantsTable';
import { toTenantView, type TenantView } from './tenantView';

export interface ListTenantsOptions {
  /** Page size, clamped to 1..500. */
  limit: number;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string | null;
  includeDeleted?: boolean;
  /** Restricts the listing to these tenants (a non-operator's own); an empty list yields nothing. */
  tenantIds?: readonly string[];
}

export interface TenantPage {
  items: TenantView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  constructor(readonly cursor: string) {
    super(`Invalid cursor ${cursor}`);
    this.name = 'InvalidCursorError';
  }
}

/** Tenants in id order, i.e. creation order (ids are UUIDv7). Keyset pagination: the cursor is the
 * last id of the page, so a page costs an index range scan however deep, and rows created or
 * deleted between pages neither repeat nor shift. */
export async function listTenants(db: ProjectionDb, tables: TableNames<'tenants'>, options: ListTenantsOptions): Promise<TenantPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit) || 1, 1), 500);
  if (options.cursor && !isUuid(options.cursor)) throw new InvalidCursorError(options.cursor);
  let query = (db as Kysely<TenantsDatabase>)
    .withSchema(tables.tenants.schema)
    .selectFrom(tables.tenants.name as 'tenants')
    .selectAll()
    .orderBy('tenant_id')
    .limit(limit + 1);
  if (options.cursor) query = query.where('tenant_id', '>', options.cursor);
  if (!options.includeDeleted) query = query.where('status', '=', 'active');
  if (options.tenantIds) {
    const ids = options.tenantIds.filter(isUuid);
    if (ids.length === 0) return { items: [], nextCursor: null };
    query = query.where('tenant_id', 'in', ids);
  }
  const rows = await query.execute();
  const items = rows.slice(0, limit).map(toTenantView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.tenantId : null };
}
