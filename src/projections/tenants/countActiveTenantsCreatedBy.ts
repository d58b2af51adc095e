import type { Kysely } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';
import type { TenantsDatabase } from './tenantsTable';

/** How many not-deleted tenants a person created (the per-user tenant quota counts these). */
export async function countActiveTenantsCreatedBy(db: ProjectionDb, tables: TableNames<'tenants'>, userId: string): Promise<number> {
  const row = await (db as Kysely<TenantsDatabase>)
    .withSchema(tables.tenants.schema)
    .selectFrom(tables.tenants.name as 'tenants')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('created_by', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
