import type { BackupPolicySettings } from './backupPolicyRules';
import type { RetentionPolicy } from './selectRetainedBackups';

/** The platform's schedule for instances whose tenant set none (BACKUP_DEFAULT_HOUR / _TIME_ZONE). */
export interface DefaultBackupSchedule {
  hour: number;
  timeZone: string;
}

export interface EffectiveBackupPolicy {
  enabled: boolean;
  hour: number;
  timeZone: string;
  retention: RetentionPolicy;
  /** Where each half comes from: the tenant's policy, or the platform default / the plan. */
  source: { schedule: 'policy' | 'default'; retention: 'policy' | 'plan' };
}

/** The policy in force: the tenant's where set, else daily backups at the default hour with the
 * plan's retention. Every provisioned instance is backed up unless its tenant switched it off. */
export function effectiveBackupPolicy(explicit: BackupPolicySettings | null, planRetention: RetentionPolicy, defaults: DefaultBackupSchedule): EffectiveBackupPolicy {
  if (!explicit) return { enabled: true, ...defaults, retention: { ...planRetention }, source: { schedule: 'default', retention: 'plan' } };
  return {
    enabled: explicit.enabled, hour: explicit.hour, timeZone: explicit.timeZone,
    retention: { ...(explicit.retention ?? planRetention) },
    source: { schedule: 'policy', retention: explicit.retention ? 'policy' : 'plan' },
  };
}
