import type { BackupRequest } from './backupCommands';
import type { BackupManifest } from './backupManifest';

export type BackupStatus = 'started' | 'completed' | 'failed' | 'pruned';

export type BackupState =
  | { status: 'absent' }
  | (BackupRequest & { status: BackupStatus; manifest: BackupManifest | null; verifications: string[] });

export function initialBackupState(): BackupState {
  return { status: 'absent' };
}
