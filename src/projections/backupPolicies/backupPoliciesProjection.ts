import { sql } from 'kysely';
import type { RecordedEvent } from '../../ports/eventStore';
import type { BackupPolicyChanged } from '../../domain/backupPolicy/backupPolicyEvents';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';
import { occurredAt } from '../runtime/occurredAt';
import { migrateBackupPolicies } from './migrateBackupPolicies';
import { backupPolicyCategory } from '../../domain/backupPolicy/backupPolicyStream';
import { isStreamOf } from '../../domain/shared/streamNames';

/** The `backupPolicies` read model: each instance's explicit backup policy (absent = defaults). */
export const backupPoliciesProjection: Projection<'backup_policies'> = {
  name: 'backupPolicies',
  version: 1,
  streamCategories: ['backupPolicy'],
  tables: ['backup_policies'],
  migrate: migrateBackupPolicies,
  async handle(events, trx, tables) {
    for (const event of events) {
      if (event.type === 'BackupPolicyChanged' && isStreamOf(backupPolicyCategory, event.streamName)) await apply(trx, tables, event);
    }
  },
};

async function apply(trx: ProjectionTransaction, tables: TableNames<'backup_policies'>, recorded: RecordedEvent): Promise<void> {
  const d = (recorded as unknown as BackupPolicyChanged).data;
  const { transactionId, globalPosition } = recorded.position;
  await sql`INSERT INTO ${sql.id(tables.backup_policies.schema, tables.backup_policies.name)} AS p
      (instance_id, tenant_id, enabled, hour, time_zone, retention_daily, retention_weekly, retention_monthly, changed_by, updated_at,
       last_transaction_id, last_global_position)
    VALUES (${d.instanceId}, ${d.tenantId}, ${d.enabled}, ${d.hour}, ${d.timeZone}, ${d.retention?.daily ?? null}, ${d.retention?.weekly ?? null},
      ${d.retention?.monthly ?? null}, ${d.changedBy}, ${occurredAt(recorded)}, ${transactionId}, ${globalPosition})
    ON CONFLICT (instance_id, tenant_id) DO UPDATE SET enabled = excluded.enabled, hour = excluded.hour, time_zone = excluded.time_zone,
      retention_daily = excluded.retention_daily, retention_weekly = excluded.retention_weekly, retention_monthly = excluded.retention_monthly,
      changed_by = excluded.changed_by, updated_at = excluded.updated_at,
      last_transaction_id = excluded.last_transaction_id, last_global_position = excluded.last_global_position`.execute(trx);
}
