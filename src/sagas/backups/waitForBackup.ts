import type { EventStore } from '../../ports/eventStore';
import type { BackupManifest } from '../../domain/backup/backupManifest';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { loadBackup } from './loadBackup';
import { backupStream } from '../../domain/backup/backupStream';

/** Polls a backup's stream until its saga reported; a failed backup is permanent for the waiter, and
 * its error says why (the waiting saga's step records it, so `sagas show` tells the operator). Shared
 * by the restore saga's pre-restore backup and the delete saga's final backup. */
export async function waitForBackup(deps: { store: EventStore }, backupId: string, signal: AbortSignal): Promise<BackupManifest> {
  for (;;) {
    const backup = await loadBackup(deps.store, backupId);
    if (backup.status === 'completed' && backup.manifest) return backup.manifest;
    if (backup.status === 'failed' || backup.status === 'pruned') {
      throw new PermanentSagaError(`backup ${backupId} is ${backup.status}${await failureOf(deps.store, backupId)}`);
    }
    if (signal.aborted) throw signal.reason;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function failureOf(store: EventStore, backupId: string): Promise<string> {
  const failed = (await store.readStream(backupStream(backupId))).find((event) => event.type === 'BackupFailed');
  const data = failed?.data as { failedStep?: string; reason?: string } | undefined;
  return data ? ` (${data.failedStep}: ${data.reason})` : '';
}
