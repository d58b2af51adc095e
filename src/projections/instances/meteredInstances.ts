import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface MeteredInstance {
  instanceId: string;
  tenantId: string;
  plan: string;
  /** As the read model last recorded it: the meter reports only a different level. */
  usageLevel: string;
}

/** Instances whose data exists to be measured: running or stopped. */
export function meteredInstances(db: ProjectionDb, tables: TableNames<'instances'>): () => Promise<MeteredInstance[]> {
  return async () => {
    const { rows } = await sql<{ instance_id: string; tenant_id: string; plan: string; usage_level: string }>`
      SELECT instance_id, tenant_id, plan, usage_level FROM ${sql.id(tables.instances.schema, tables.instances.name)}
      WHERE status IN ('running', 'stopped')`.execute(db);
    return rows.map((row) => ({ instanceId: row.instance_id, tenantId: row.tenant_id, plan: row.plan, usageLevel: row.usage_level }));
  };
}
