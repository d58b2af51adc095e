import type { BackupQueries } from '../../projections/backups/queryBackups';

/** `backups list <instanceId>`: one line per backup, newest first, with the instance's health. */
export async function backupsList(deps: { backups: BackupQueries }, instanceId: string, write: (line: string) => void = console.log): Promise<void> {
  const [items, health] = await Promise.all([deps.backups.listBackups(instanceId, { includePruned: true }), deps.backups.backupHealth(instanceId)]);
  for (const b of items) {
    write([b.backupId, b.status, b.mode, b.trigger, b.startedAt.toISOString(), b.totalBytes ?? '-', b.verification ?? 'unverified', b.failureReason ?? ''].join('\t'));
  }
  write(`last completed ${health.lastCompletedAt?.toISOString() ?? 'never'}; last verified ${health.lastVerifiedAt?.toISOString() ?? 'never'} (${health.lastVerification ?? '-'}); failures since: ${health.failuresSinceSuccess}`);
}
