import type { BackupRequest } from './backupCommands';
import type { BackupManifest } from './backupManifest';

type Ref = { backupId: string; instanceId: string; tenantId: string };

// Stream `backup-<backupId>`. No secret ever: archives are named by key, credentials stay in config.
export type BackupStarted = { type: 'BackupStarted'; data: BackupRequest };
export type BackupCompleted = { type: 'BackupCompleted'; data: Ref & { manifest: BackupManifest } };
export type BackupFailed = { type: 'BackupFailed'; data: Ref & { reason: string; failedStep: string } };
export type BackupVerified = { type: 'BackupVerified'; data: Ref & { verificationId: string; detail: string } };
export type BackupVerificationFailed = { type: 'BackupVerificationFailed'; data: Ref & { verificationId: string; reason: string } };
export type BackupPruned = { type: 'BackupPruned'; data: Ref & { policy: string } };

export type BackupEvent = BackupStarted | BackupCompleted | BackupFailed | BackupVerified | BackupVerificationFailed | BackupPruned;

export const backupEventTypes = [
  'BackupStarted', 'BackupCompleted', 'BackupFailed', 'BackupVerified', 'BackupVerificationFailed', 'BackupPruned',
] as const satisfies readonly BackupEvent['type'][];
