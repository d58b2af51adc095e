import { sql } from 'kysely';
import type { RecordedEvent } from '../../ports/eventStore';
import { instanceEventTypes, type InstanceEvent } from '../../domain/instance/instanceEvents';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';
import { occurredAt } from '../runtime/occurredAt';
import { migrateInstances } from './migrateInstances';
import { instanceCategory } from '../../domain/instance/instanceStream';
import { isStreamOf } from '../../domain/shared/streamNames';

const handled: ReadonlySet<string> = new Set(instanceEventTypes);

/** The `instances` read model: one row per instance, as the API lists and shows them. One
 * statement per event: instance events are rare next to the rest of `$all`. */
export const instancesProjection: Projection<'instances'> = {
  name: 'instances',
  // 2: server_version and admin_login (what Odoo reports, who signs in); 3: usage_level.
  version: 3,
  streamCategories: ['instance'],
  tables: ['instances'],
  migrate: migrateInstances,
  async handle(events, trx, tables) {
    for (const event of events) {
      if (handled.has(event.type) && isStreamOf(instanceCategory, event.streamName)) await apply(trx, tables, event);
    }
  },
};

async function apply(trx: ProjectionTransaction, tables: TableNames<'instances'>, recorded: RecordedEvent): Promise<void> {
  const table = sql.id(tables.instances.schema, tables.instances.name);
  const event = recorded as unknown as InstanceEvent;
  const meta = sql`updated_at = ${recorded.createdAt}, version = ${recorded.streamPosition},
    last_transaction_id = ${recorded.position.transactionId}, last_global_position = ${recorded.position.globalPosition}`;
  const where = sql`WHERE instance_id = ${event.data.instanceId}`;
  const set = (changes: ReturnType<typeof sql>) => sql`UPDATE ${table} SET ${changes}, ${meta} ${where}`.execute(trx);
  switch (event.type) {
    case 'InstanceProvisioningRequested': {
      const d = event.data;
      await sql`INSERT INTO ${table} (instance_id, tenant_id, name, subdomain, plan, odoo_version, admin_email, demo_data, language,
          status, health, created_at, updated_at, version, last_transaction_id, last_global_position)
        VALUES (${d.instanceId}, ${d.tenantId}, ${d.name}, ${d.subdomain}, ${d.plan}, ${d.odooVersion}, ${d.adminEmail}, ${d.demoData}, ${d.language},
          'provisioning', 'unknown', ${occurredAt(recorded)}, ${recorded.createdAt}, ${recorded.streamPosition}, ${recorded.position.transactionId}, ${recorded.position.globalPosition})
        ON CONFLICT (instance_id) DO NOTHING`.execute(trx);
      return;
    }
    case 'InstanceProvisioned':
      await set(sql`status = 'running', health = 'healthy', url = ${event.data.url},
        server_version = ${event.data.serverVersion ?? null}, admin_login = ${event.data.adminLogin ?? null}`);
      return;
    case 'InstanceProvisioningFailed':
      await set(sql`status = 'failed', failure_reason = ${`${event.data.failedStep}: ${event.data.reason}`}`);
      return;
    case 'InstanceStartRequested':
      await set(sql`pending_operation = 'start'`);
      return;
    case 'InstanceStopRequested':
      await set(sql`pending_operation = 'stop'`);
      return;
    case 'InstanceRestartRequested':
      await set(sql`pending_operation = 'restart'`);
      return;
    case 'InstanceResizeRequested':
      await set(sql`pending_operation = 'resize'`);
      return;
    case 'InstanceStarted':
    case 'InstanceRestarted':
      await set(sql`status = 'running', pending_operation = NULL, health = 'healthy', health_detail = NULL`);
      return;
    case 'InstanceStopped':
      await set(sql`status = 'stopped', pending_operation = NULL, health = 'unknown'`);
      return;
    case 'InstanceResized':
      await set(sql`plan = ${event.data.plan}, pending_operation = NULL`);
      return;
    case 'InstanceOperationFailed':
      await set(sql`pending_operation = NULL, failure_reason = ${`${event.data.operation}: ${event.data.reason}`}`);
      return;
    case 'InstanceUpdated':
      await set(sql`name = coalesce(${event.data.name ?? null}, name), description = coalesce(${event.data.description ?? null}, description)`);
      return;
    case 'InstanceDeletionRequested':
      await set(sql`status = 'deleting', pending_operation = NULL`);
      return;
    case 'InstanceDeleted':
      await set(sql`status = 'deleted', url = NULL`);
      return;
    case 'InstanceRestoreStarted':
      await set(sql`pending_operation = 'restore'`);
      return;
    case 'InstanceRestored':
      await set(sql`pending_operation = NULL`);
      return;
    case 'InstanceRestoreFailed':
      await set(sql`pending_operation = NULL, failure_reason = ${`restore: ${event.data.reason}`}`);
      return;
    case 'InstanceBecameUnhealthy':
      await set(sql`health = 'unhealthy', health_detail = ${event.data.detail}`);
      return;
    case 'InstanceRecovered':
      await set(sql`health = 'healthy', health_detail = ${event.data.detail}`);
      return;
    case 'InstanceCrashed':
      await set(sql`health = 'crashed', health_detail = ${event.data.detail}`);
      return;
    case 'InstanceUsageLevelChanged':
      await set(sql`usage_level = ${event.data.level}`);
      return;
    case 'InstanceBackupHoldStarted':
      await set(sql`pending_operation = 'backup'`);
      return;
    case 'InstanceBackupHoldReleased':
      await set(sql`pending_operation = NULL`);
      return;
    case 'InstanceAdminCredentialsRevealed':
    case 'InstanceAdminPasswordRotated':
      return;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
