import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';
import { isUuid } from '../tenants/isUuid';
import { toView, type InstanceView, type Row } from './queryInstances';

export interface AllInstancesOptions {
  tenantId?: string;
  status?: string;
  includeDeleted?: boolean;
  /** Page size, clamped to 1..500. */
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

export interface InstancePage {
  items: InstanceView[];
  nextCursor: string | null;
}

export class InvalidInstanceCursorError extends Error {
  constructor(cursor: string) {
    super(`Cursor ${cursor} is not an instance id`);
    this.name = 'InvalidInstanceCursorError';
  }
}

/** Every tenant's instances for operators, oldest first (ids are UUIDv7, so id order is creation order). */
export async function listAllInstances(db: ProjectionDb, tables: TableNames<'instances'>, options: AllInstancesOptions): Promise<InstancePage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit) || 1, 1), 500);
  if (options.cursor && !isUuid(options.cursor)) throw new InvalidInstanceCursorError(options.cursor);
  const conditions = [sql`true`];
  if (options.tenantId) conditions.push(sql`tenant_id = ${options.tenantId}`);
  if (options.status) conditions.push(sql`status = ${options.status}`);
  else if (!options.includeDeleted) conditions.push(sql`status <> 'deleted'`);
  if (options.cursor) conditions.push(sql`instance_id > ${options.cursor}`);
  const { rows } = await sql<Row>`SELECT * FROM ${sql.id(tables.instances.schema, tables.instances.name)}
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY instance_id LIMIT ${limit + 1}`.execute(db);
  const items = rows.slice(0, limit).map(toView);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.instanceId : null };
}
