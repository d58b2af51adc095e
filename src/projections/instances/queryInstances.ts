import { sql } from 'kysely';
import { isUuid } from '../tenants/isUuid';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface InstanceView {
  instanceId: string; tenantId: string; name: string; description: string; subdomain: string; plan: string;
  odooVersion: string; serverVersion: string | null; adminLogin: string | null; adminEmail: string; usageLevel: string; demoData: boolean; language: string; status: string;
  pendingOperation: string | null; health: string; healthDetail: string | null; url: string | null;
  failureReason: string | null; createdAt: Date; updatedAt: Date; version: number;
}

export type Row = Record<string, unknown>;
export const toView = (r: Row): InstanceView => ({
  instanceId: r.instance_id as string, tenantId: r.tenant_id as string, name: r.name as string, description: r.description as string,
  subdomain: r.subdomain as string, plan: r.plan as string, odooVersion: r.odoo_version as string,
  serverVersion: (r.server_version as string | null) ?? null, adminLogin: (r.admin_login as string | null) ?? null,
  usageLevel: (r.usage_level as string | undefined) ?? 'ok', adminEmail: r.admin_email as string,
  demoData: r.demo_data as boolean, language: r.language as string, status: r.status as string,
  pendingOperation: r.pending_operation as string | null, health: r.health as string, healthDetail: r.health_detail as string | null,
  url: r.url as string | null, failureReason: r.failure_reason as string | null, createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date, version: Number(r.version),
});

export async function getInstance(db: ProjectionDb, tables: TableNames<'instances'>, instanceId: string): Promise<InstanceView | null> {
  if (!isUuid(instanceId)) return null;
  const { rows } = await sql<Row>`SELECT * FROM ${sql.id(tables.instances.schema, tables.instances.name)} WHERE instance_id = ${instanceId}`.execute(db);
  return rows[0] ? toView(rows[0]) : null;
}

/** A tenant's instances (deleted ones left out), oldest first. */
export async function listInstances(db: ProjectionDb, tables: TableNames<'instances'>, tenantId: string): Promise<InstanceView[]> {
  if (!isUuid(tenantId)) return [];
  const { rows } = await sql<Row>`SELECT * FROM ${sql.id(tables.instances.schema, tables.instances.name)}
    WHERE tenant_id = ${tenantId} AND status <> 'deleted' ORDER BY created_at, instance_id LIMIT 500`.execute(db);
  return rows.map(toView);
}
