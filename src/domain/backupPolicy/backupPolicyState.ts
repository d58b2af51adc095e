import type { BackupPolicySettings } from './backupPolicyRules';

/** `default` until a tenant sets a policy: the plan's retention and the platform's default hour. */
export type BackupPolicyState =
  | { status: 'default' }
  | (BackupPolicySettings & { status: 'set'; instanceId: string; tenantId: string });

export function initialBackupPolicyState(): BackupPolicyState {
  return { status: 'default' };
}
