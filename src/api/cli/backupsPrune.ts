import type { BackupStorage } from '../../adapters/storage/backupStorage';
import type { HandleCommand } from '../../commands/handleCommand';
import { selectRetainedBackups, type RetentionPolicy } from '../../domain/backup/selectRetainedBackups';
import type { BackupQueries } from '../../projections/backups/queryBackups';
import { backupObjectKeys } from '../../sagas/backups/backupObjectKeys';

/** `backups prune [--dry-run] <instanceId>`: the GFS policy over the instance's completed backups;
 * without dry-run the archives are deleted, then BackupPruned recorded (idempotent per backup). */
export async function backupsPrune(
  deps: { backups: BackupQueries; storage: BackupStorage; handleCommand: HandleCommand },
  instanceId: string, policy: RetentionPolicy, options: { dryRun: boolean },
): Promise<{ kept: string[]; pruned: string[] }> {
  const completed = (await deps.backups.listBackups(instanceId, { limit: 1000 }))
    .filter((b) => b.status === 'completed' && b.completedAt)
    .map((b) => ({ backupId: b.backupId, completedAt: b.completedAt!, tenantId: b.tenantId }));
  const keep = selectRetainedBackups(completed, policy);
  const prune = completed.filter((b) => !keep.has(b.backupId));
  if (!options.dryRun) {
    for (const backup of prune) {
      for (const key of Object.values(backupObjectKeys(instanceId, backup.backupId))) await deps.storage.delete(key);
      await deps.handleCommand({
        type: 'RecordBackupPruned', data: { backupId: backup.backupId, policy: `gfs ${policy.daily}/${policy.weekly}/${policy.monthly}` },
        metadata: { commandId: `backup-prune:${backup.backupId}`, actor: 'system:cli', correlationId: `backup-prune:${instanceId}`, tenantId: backup.tenantId },
      });
    }
  }
  return { kept: [...keep], pruned: prune.map((b) => b.backupId) };
}
