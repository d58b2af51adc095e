import { v5 } from 'uuid';
import { loadBackup } from '../backups/loadBackup';
import { loadInstanceFacts } from '../backups/loadInstanceFacts';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import { waitForBackup } from '../backups/waitForBackup';
import type { SagaContext, SagaStep } from '../runtime/sagaDefinition';
import { describeError, isBreakerOpen, SagaDeferral } from '../runtime/sagaErrors';
import type { InstanceSagaDeps } from './instanceSagaDeps';

const finalBackupNamespace = '6e1f0c3a-94d2-4b7e-8a35-d07c2b9e41f6';
const ATTEMPTS = 3;
/** After the fast attempts, a failing final backup is tried again this often until it succeeds (or an
 * operator runs `sagas retry` once the cause is fixed). */
const RETRY_LATER_MS = 10 * 60_000;
/** A backup still running when the wait ends is looked at again this much later. */
const RECHECK_MS = 60_000;
/** Two archives of up to BACKUP_ARCHIVE_TIMEOUT_MS' default each. */
const DEFAULT_WAIT_MS = 2 * 3_600_000;

/** The n-th final backup of a deletion: a function of the saga id, so a resumed saga finds the backup
 * it already asked for instead of taking a second one. */
export function finalBackupId(sagaId: string, n: number): string {
  return v5(`${sagaId}/${n}`, finalBackupNamespace);
}

/**
 * The delete saga's step before anything is destroyed (docs/decisions/021): a `pre-delete` backup of
 * the database and the volume, taken by the backup saga (BackupInstance, then waitForBackup, as the
 * restore saga's pre-restore backup). The container is gone by then, so nothing writes and the backup
 * is consistent without stopping anything.
 *
 * It never lets the deletion go on without a backup, and never gives up: an attempt whose backup
 * failed fails (the next attempt takes the next backup of the sequence); after the fast attempts the
 * step is deferred and tried again later rather than failing the saga, which would leave the instance
 * `deleting` with nothing to resume it. The reason shows in `sagas show`, `sagas list --stuck` and the
 * instance's status; `sagas retry` tries again at once.
 */
export function finalBackupStep(deps: InstanceSagaDeps): SagaStep<'finalBackup', { instanceId: string }, object, { finalBackupId: string }> {
  const waitMs = deps.finalBackupTimeoutMs ?? DEFAULT_WAIT_MS;
  return {
    // The runtime's timeout only backs up the step's own, shorter wait.
    name: 'finalBackup', timeoutMs: waitMs + 30_000, maxAttempts: ATTEMPTS,
    run: async (ctx) => {
      try {
        return { finalBackupId: await takeFinalBackup(deps, ctx, waitMs) };
      } catch (error) {
        if (error instanceof SagaDeferral || isBreakerOpen(error)) throw error;
        // Never permanent (a failed backup included): the next attempt takes a fresh backup.
        const reason = `final backup failed, nothing deleted: ${describeError(error)}`;
        if (ctx.attempt < ATTEMPTS) throw new Error(reason, { cause: error });
        throw new SagaDeferral(new Date(Date.now() + RETRY_LATER_MS), reason);
      }
    },
  };
}

async function takeFinalBackup(deps: InstanceSagaDeps, ctx: SagaContext<{ instanceId: string }>, waitMs: number): Promise<string> {
  const { instanceId } = ctx.input;
  // Skip this deletion's backups known to have failed; the first other one is the one to wait for.
  let n = 0;
  let backup = await loadBackup(deps.store, finalBackupId(ctx.sagaId, n));
  while (backup.status === 'failed' || backup.status === 'pruned') {
    n += 1;
    backup = await loadBackup(deps.store, finalBackupId(ctx.sagaId, n));
  }
  const backupId = finalBackupId(ctx.sagaId, n);
  if (backup.status === 'absent') {
    const { tenantId } = await loadInstanceFacts(deps.store, instanceId);
    await sendSagaCommand(deps.handleCommand, ctx, `final-backup-${n}`, 'BackupInstance', {
      backupId, instanceId, tenantId, mode: 'consistent', trigger: 'pre-delete',
    }, tenantId);
  }
  const waited = AbortSignal.timeout(waitMs);
  try {
    await waitForBackup(deps, backupId, AbortSignal.any([ctx.signal, waited]));
    return backupId;
  } catch (error) {
    // Not a failure: the backup is still running (a big instance, a busy backup worker).
    if (waited.aborted && !ctx.signal.aborted) throw new SagaDeferral(new Date(Date.now() + RECHECK_MS), `final backup ${backupId} still running`);
    throw error;
  }
}
