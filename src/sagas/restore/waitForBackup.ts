import type { BackupManifest } from '../../domain/backup/backupManifest';
import type { BackupSagaDeps } from '../backups/backupSagaDeps';
import { loadBackup } from '../backups/loadBackup';
import { PermanentSagaError } from '../runtime/sagaErrors';

/** Polls a backup's stream until its saga reported; a failed backup is permanent for the waiter. */
export async function waitForBackup(deps: BackupSagaDeps, backupId: string, signal: AbortSignal): Promise<BackupManifest> {
  for (;;) {
    const backup = await loadBackup(deps.store, backupId);
    if (backup.status === 'completed' && backup.manifest) return backup.manifest;
    if (backup.status === 'failed' || backup.status === 'pruned') throw new PermanentSagaError(`backup ${backupId} is ${backup.status}`);
    if (signal.aborted) throw signal.reason;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
