import { sql } from 'kysely';
import type { BackupPolicySettings } from '../../domain/backupPolicy/backupPolicyRules';
import type { BackupSchedule } from '../../domain/backupPolicy/backupScheduleSlots';
import { effectiveBackupPolicy, type DefaultBackupSchedule, type EffectiveBackupPolicy } from '../../domain/backupPolicy/effectiveBackupPolicy';
import type { RetentionPolicy } from '../../domain/backupPolicy/selectRetainedBackups';
import type { InstancePlanCatalogue } from '../../domain/instance/instancePlanCatalogue';
import type { InstancePlanName } from '../../domain/instance/instancePlans';
import { backupsProjection } from '../backups/backupsProjection';
import { instancesProjection } from '../instances/instancesProjection';
import type { ProjectionDb } from '../runtime/projection';
import { servingTableNames } from '../runtime/servingTableNames';
import { isUuid } from '../tenants/isUuid';
import { backupPoliciesProjection } from './backupPoliciesProjection';

export interface BackupPolicyDefaults {
  schedule: DefaultBackupSchedule;
  plans: InstancePlanCatalogue;
}

export interface InstanceBackupPolicy extends EffectiveBackupPolicy {
  instanceId: string;
  tenantId: string;
  plan: string;
  /** What the tenant set (null = never set: all defaults). */
  explicit: BackupPolicySettings | null;
  updatedAt: Date | null;
}

type Row = {
  instance_id: string; tenant_id: string; plan: string; enabled: boolean | null; hour: number | null; time_zone: string | null;
  retention_daily: number | null; retention_weekly: number | null; retention_monthly: number | null; updated_at: Date | null;
  created_at: Date;
};

/** Instances that have data to back up: not being created, failed, or gone. */
const notBackedUp = ['provisioning', 'failed', 'deleting', 'deleted'];

/** Policies in force, read from the instances and backupPolicies read models (one schema). A policy
 * row counts only when its tenant is the instance's. */
export function createBackupPolicyQueries(db: ProjectionDb, schema: string, defaults: BackupPolicyDefaults) {
  const instances = servingTableNames(instancesProjection, schema).instances;
  const policies = servingTableNames(backupPoliciesProjection, schema).backup_policies;
  const backups = servingTableNames(backupsProjection, schema).backups;
  const select = sql`SELECT i.instance_id, i.tenant_id, i.plan, i.created_at, p.enabled, p.hour, p.time_zone, p.retention_daily, p.retention_weekly,
      p.retention_monthly, p.updated_at
    FROM ${sql.id(instances.schema, instances.name)} i
    LEFT JOIN ${sql.id(policies.schema, policies.name)} p ON p.instance_id = i.instance_id AND p.tenant_id = i.tenant_id`;

  const toPolicy = (row: Row): InstanceBackupPolicy => {
    const explicit: BackupPolicySettings | null = row.enabled === null ? null : {
      enabled: row.enabled, hour: Number(row.hour), timeZone: row.time_zone!,
      retention: row.retention_daily === null ? null : { daily: row.retention_daily, weekly: row.retention_weekly!, monthly: row.retention_monthly! },
    };
    const plan = defaults.plans[row.plan as InstancePlanName] ?? defaults.plans.starter;
    return {
      instanceId: row.instance_id, tenantId: row.tenant_id, plan: row.plan,
      ...effectiveBackupPolicy(explicit, plan.backupRetention, defaults.schedule), explicit, updatedAt: row.updated_at,
    };
  };

  return {
    /** The effective policy of one instance; null when the instance is not in the read model. */
    async effectivePolicy(instanceId: string): Promise<InstanceBackupPolicy | null> {
      if (!isUuid(instanceId)) return null;
      const { rows } = await sql<Row>`${select} WHERE i.instance_id = ${instanceId}`.execute(db);
      return rows[0] ? toPolicy(rows[0]) : null;
    },
    /** The daily schedules the scheduler fires: running or stopped instances whose policy is enabled,
     * each due only after the instance was created and its policy last changed. */
    async schedulesInForce(): Promise<BackupSchedule[]> {
      const { rows } = await sql<Row>`${select} WHERE i.status <> ALL(${notBackedUp}::text[]) AND p.enabled IS DISTINCT FROM false
        ORDER BY i.instance_id`.execute(db);
      return rows.map((row) => {
        const { instanceId, tenantId, hour, timeZone, updatedAt } = toPolicy(row);
        const since = updatedAt && updatedAt > row.created_at ? updatedAt : row.created_at;
        return { instanceId, tenantId, hour, timeZone, since };
      });
    },
    /** Retention of every instance with a completed backup (deleted instances too: their backups
     * age out by the same rule, and GFS always keeps the newest ones). */
    async retentionInForce(): Promise<Array<{ instanceId: string; tenantId: string; retention: RetentionPolicy }>> {
      const { rows } = await sql<Row>`${select}
        WHERE EXISTS (SELECT 1 FROM ${sql.id(backups.schema, backups.name)} b WHERE b.instance_id = i.instance_id AND b.status = 'completed')
        ORDER BY i.instance_id`.execute(db);
      return rows.map(toPolicy).map(({ instanceId, tenantId, retention }) => ({ instanceId, tenantId, retention }));
    },
  };
}

export type BackupPolicyQueries = ReturnType<typeof createBackupPolicyQueries>;
