import type { BackupPolicySettings } from './backupPolicyRules';

export type BackupPolicyChanged = {
  type: 'BackupPolicyChanged';
  data: BackupPolicySettings & { instanceId: string; tenantId: string; changedBy: string };
};

export type BackupPolicyEvent = BackupPolicyChanged;

export const backupPolicyEventTypes = ['BackupPolicyChanged'] as const satisfies readonly BackupPolicyEvent['type'][];
