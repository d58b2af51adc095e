import type { BackupPolicySettings } from './backupPolicyRules';

/** Stream `backupPolicy-<instanceId>`: the tenant's backup schedule and retention for one instance. */
export type SetBackupPolicy = {
  type: 'SetBackupPolicy';
  data: BackupPolicySettings & { instanceId: string; tenantId: string; setBy: string };
};

export type BackupPolicyCommand = SetBackupPolicy;
