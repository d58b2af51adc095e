import type { BackupStorage } from '../ports/backupStorage';
import type { HandleCommand } from '../commands/handleCommand';
import { selectRetainedBackups, type RetentionPolicy } from '../domain/backupPolicy/selectRetainedBackups';
import { backupObjectKeys } from '../sagas/backups/backupObjectKeys';
import type { CompletedBackup } from '../projections/backups/completedBackupsOf';

export interface PruneBackupsDeps {
  /** The instance's completed backups (completedBackupsOf over the catalogue). */
  completedBackups(instanceId: string): Promise<CompletedBackup[]>;
  storage: BackupStorage;
  handleCommand: HandleCommand;
  /** True while a restore of the instance runs: then nothing of it is pruned this time. */
  restoreInProgress?(instanceId: string): Promise<boolean>;
}

export interface PruneOptions {
  dryRun: boolean;
  now: Date;
  /** Backups younger than this are kept whatever the policy says. */
  minAgeMs: number;
  actor: string;
}

export interface PruneOutcome {
  kept: string[];
  pruned: string[];
  /** Why nothing was pruned, when a safety rule stopped it. */
  skipped?: string;
}

/**
 * GFS retention of one instance (the worker's hourly job and `backups prune` both run this): keep
 * what selectRetainedBackups keeps, plus — whatever the policy — the newest completed backup and every
 * backup younger than `minAgeMs`; delete the others' objects from storage, then record BackupPruned
 * with a commandId per backup, so two pruners (or a rerun after a crash between the two) record it
 * once. Storage deletes are idempotent, so a crash after deleting and before recording only repeats
 * the delete.
 */
export async function pruneInstanceBackups(deps: PruneBackupsDeps, instanceId: string, policy: RetentionPolicy, options: PruneOptions): Promise<PruneOutcome> {
  const completed = await deps.completedBackups(instanceId);
  if (completed.length === 0) return { kept: [], pruned: [] };
  if (await deps.restoreInProgress?.(instanceId)) return { kept: completed.map((b) => b.backupId), pruned: [], skipped: 'a restore of this instance is in progress' };
  const keep = selectRetainedBackups(completed, policy);
  const newest = completed.reduce((a, b) => (b.completedAt.getTime() > a.completedAt.getTime() ? b : a));
  keep.add(newest.backupId);
  for (const backup of completed) if (options.now.getTime() - backup.completedAt.getTime() < options.minAgeMs) keep.add(backup.backupId);
  const prune = completed.filter((b) => !keep.has(b.backupId));
  if (!options.dryRun) {
    const policyName = `gfs ${policy.daily}/${policy.weekly}/${policy.monthly}`;
    for (const backup of prune) {
      for (const key of Object.values(backupObjectKeys(instanceId, backup.backupId))) await deps.storage.delete(key);
      await deps.handleCommand({
        type: 'RecordBackupPruned', data: { backupId: backup.backupId, policy: policyName },
        metadata: { commandId: `backup-prune:${backup.backupId}`, actor: options.actor, correlationId: `backup-prune:${instanceId}`, tenantId: backup.tenantId },
      });
    }
  }
  return { kept: completed.filter((b) => keep.has(b.backupId)).map((b) => b.backupId), pruned: prune.map((b) => b.backupId) };
}
