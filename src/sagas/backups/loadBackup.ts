import type { EventStore } from '../../ports/eventStore';
import { backupDecider } from '../../domain/backup/backupDecider';
import type { BackupState } from '../../domain/backup/backupState';
import { backupStream } from '../../domain/backup/backupStream';
import { aggregateStream } from '../../commands/aggregateStream';

/** A backup folded from its stream (authoritative: a restore must not trust a lagging catalogue). */
export async function loadBackup(store: EventStore, backupId: string): Promise<BackupState> {
  return aggregateStream(store, backupDecider, backupStream(backupId));
}
