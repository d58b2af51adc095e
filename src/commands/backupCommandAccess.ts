import type { AccessRequest } from '../domain/authorization/accessRequest';

type Data = Record<string, unknown>;
const manage = (data: Data): AccessRequest => ({ kind: 'tenant', tenantId: String(data.tenantId), permission: 'backups:manage' });
const internal = (): AccessRequest => ({ kind: 'internal' });

/** Policy of the backup commands over an ingress (spread into src/api/authorization/commandAccess). */
export const backupCommandAccess: Readonly<Record<string, (data: Data, actor: string) => AccessRequest>> = {
  BackupInstance: manage,
  RestoreBackup: manage,
  RecordBackupCompleted: internal,
  RecordBackupFailed: internal,
  RecordBackupVerification: internal,
  RecordBackupPruned: internal,
  RecordRestoreCompleted: internal,
  RecordRestoreFailed: internal,
};
