import type { BackupStorage } from '../../ports/backupStorage';
import type { HandleCommand } from '../../commands/handleCommand';
import type { RetentionPolicy } from '../../domain/backupPolicy/selectRetainedBackups';
import type { BackupPolicyQueries } from '../../projections/backupPolicies/queryBackupPolicies';
import { pruneInstanceBackups, type PruneBackupsDeps, type PruneOutcome } from '../../processes/pruneInstanceBackups';

export interface BackupsPruneDeps extends Pick<PruneBackupsDeps, 'completedBackups' | 'restoreInProgress'> {
  storage: BackupStorage;
  handleCommand: HandleCommand;
  policies: Pick<BackupPolicyQueries, 'effectivePolicy'>;
  actor: string;
}

/** `backups prune [--dry-run] [--daily n --weekly n --monthly n] <instanceId>`: the instance's
 * effective retention (its policy, else its plan's), with any count given on the command line in
 * place of the policy's; the same pruning (and safety rules) as the worker's hourly job. */
export async function backupsPrune(
  deps: BackupsPruneDeps, instanceId: string, override: Partial<RetentionPolicy>, options: { dryRun: boolean; minAgeHours: number; now?: Date },
): Promise<PruneOutcome & { policy: RetentionPolicy }> {
  const effective = await deps.policies.effectivePolicy(instanceId);
  const given = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined)) as Partial<RetentionPolicy>;
  if (!effective && Object.keys(given).length < 3) {
    throw new Error(`instance ${instanceId} is not in the read model: give --daily, --weekly and --monthly to prune its backups`);
  }
  const policy = { ...effective?.retention, ...given } as RetentionPolicy;
  const outcome = await pruneInstanceBackups(deps, instanceId, policy, {
    dryRun: options.dryRun, now: options.now ?? new Date(), minAgeMs: options.minAgeHours * 3600_000, actor: deps.actor,
  });
  return { ...outcome, policy };
}
