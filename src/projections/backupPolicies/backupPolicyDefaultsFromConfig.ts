import type { Config } from '../../config';
import type { BackupPolicyDefaults } from './queryBackupPolicies';

export function backupPolicyDefaultsFromConfig(config: Pick<Config, 'BACKUP_DEFAULT_HOUR' | 'BACKUP_DEFAULT_TIME_ZONE' | 'INSTANCE_PLANS'>): BackupPolicyDefaults {
  return { schedule: { hour: config.BACKUP_DEFAULT_HOUR, timeZone: config.BACKUP_DEFAULT_TIME_ZONE }, plans: config.INSTANCE_PLANS };
}
