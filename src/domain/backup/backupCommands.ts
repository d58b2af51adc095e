import type { BackupManifest, BackupMode, BackupTrigger } from './backupManifest';

export interface BackupRequest {
  backupId: string;
  instanceId: string;
  tenantId: string;
  mode: BackupMode;
  trigger: BackupTrigger;
  /** Schedule slot (ISO time) of a scheduled backup, null otherwise. */
  slot: string | null;
  requestedBy: string;
}

export type BackupInstance = { type: 'BackupInstance'; data: BackupRequest };
// Reports of the backup saga, the restore drill and retention (internal).
export type RecordBackupCompleted = { type: 'RecordBackupCompleted'; data: { backupId: string; manifest: BackupManifest } };
export type RecordBackupFailed = { type: 'RecordBackupFailed'; data: { backupId: string; reason: string; failedStep: string } };
export type RecordBackupVerification = {
  type: 'RecordBackupVerification';
  data: { backupId: string; verificationId: string; ok: boolean; detail: string };
};
export type RecordBackupPruned = { type: 'RecordBackupPruned'; data: { backupId: string; policy: string } };

export type BackupCommand = BackupInstance | RecordBackupCompleted | RecordBackupFailed | RecordBackupVerification | RecordBackupPruned;
