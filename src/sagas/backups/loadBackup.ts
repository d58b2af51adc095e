import type { EventStore } from '../../ports/eventStore';
import { backupDecider } from '../../domain/backup/backupDecider';
import type { BackupEvent } from '../../domain/backup/backupEvents';
import type { BackupState } from '../../domain/backup/backupState';

/** A backup folded from its stream (authoritative: a restore must not trust a lagging catalogue). */
export async function loadBackup(store: EventStore, backupId: string): Promise<BackupState> {
  const events = await store.readStream(`backup-${backupId}`);
  return events.reduce((s, e) => backupDecider.evolve(s, e as unknown as BackupEvent), backupDecider.initialState());
}
