import type { S3Credentials } from '../../ports/tenantBackupTarget';
import type { BackupStarted } from '../../domain/backup/backupEvents';
import type { OffsiteObject } from '../../domain/backupTarget/tenantBackupTargetEvents';
import type { HandleCommand } from '../../commands/handleCommand';
import type { SagaContext, SagaStep } from '../runtime/sagaDefinition';
import { backupObjectKeys } from './backupObjectKeys';
import type { BackupSagaDeps } from './backupSagaDeps';
import { storedArchives, type ArchivedData } from './archiveDataStep';
import { copyObjectVerified } from './copyObjectVerified';
import { loadTenantBackupTarget } from './loadTenantBackupTarget';
import { sendSagaCommand } from '../runtime/sendSagaCommand';

type Input = BackupStarted['data'];

/** What copyOffsite records: no target, or the copy's outcome there (the objects as JSON text: step
 * outputs are flat). */
export type OffsiteCopyOutcome =
  | { offsite: 'none' }
  | { offsite: 'copied'; endpoint: string | null; bucket: string; objects: string }
  | { offsite: 'failed'; endpoint: string | null; bucket: string; reason: string };

/**
 * After the primary archives are stored, checksummed and described by the manifest: when the
 * instance's tenant has its own target, stream the dump, the volume tar and the manifest there and
 * verify them (docs/decisions/023). This step never fails the saga: a failed copy must not cost the
 * primary backup (a failing step would compensate by deleting it), so every error becomes the
 * outcome `failed` with a reason, reported beside BackupCompleted by reportOffsiteCopy. The copy
 * is bounded below the step's timeout for the same reason; only reading the target may throw.
 */
export function copyBackupOffsiteStep(deps: BackupSagaDeps): SagaStep<'copyOffsite', Input, { archiveData: ArchivedData }, OffsiteCopyOutcome> {
  const copyTimeoutMs = deps.archiveTimeoutMs * 2;
  return {
    name: 'copyOffsite', timeoutMs: copyTimeoutMs + 120_000,
    run: async (ctx): Promise<OffsiteCopyOutcome> => {
      const offsite = deps.offsite;
      // Only reading the event store may throw (a transient error the runtime retries).
      const target = offsite ? await loadTenantBackupTarget(deps.store, ctx.input.tenantId) : null;
      if (!offsite || target?.status !== 'set') return { offsite: 'none' };
      const where = { endpoint: target.endpoint, bucket: target.bucket };
      let credentials: S3Credentials | null = null;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error(`the off-site copy took longer than ${copyTimeoutMs} ms`)), copyTimeoutMs);
      const stopOnStepAbort = () => controller.abort(ctx.signal.reason);
      ctx.signal.addEventListener('abort', stopOnStepAbort, { once: true });
      try {
        // Checked again at every copy: the endpoint passed when it was set, DNS may say otherwise now.
        const refused = await offsite.targets.checkEndpoint(target.endpoint);
        if (refused) return { offsite: 'failed', ...where, reason: refused };
        credentials = await offsite.credentials.read(target.credentialsRef);
        if (!credentials) throw new Error('the target\'s credentials are no longer stored (the target was replaced or removed)');
        const remote = offsite.targets.open(target, credentials);
        try {
          const keys = backupObjectKeys(ctx.input.instanceId, ctx.input.backupId);
          const archives = storedArchives(ctx.outputs.archiveData);
          const objects: OffsiteObject[] = [];
          objects.push(await copyObjectVerified(deps.storage, remote, keys.database, archives.database, controller.signal));
          objects.push(await copyObjectVerified(deps.storage, remote, keys.volume, archives.volume, controller.signal));
          objects.push(await copyObjectVerified(deps.storage, remote, keys.manifest, null, controller.signal));
          const stored = objects.map((object) => ({ ...object, key: `${target.prefix}${object.key}` }));
          return { offsite: 'copied', ...where, objects: JSON.stringify(stored) };
        } finally {
          await remote.close();
        }
      } catch (error) {
        return { offsite: 'failed', ...where, reason: offsite.targets.describeError(error, credentials) };
      } finally {
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', stopOnStepAbort);
      }
    },
  };
}

/** For onCompleted, after RecordBackupCompleted: the copy's outcome on the tenant's target stream. */
export async function reportOffsiteCopy(handleCommand: HandleCommand, ctx: SagaContext<Input, { copyOffsite: OffsiteCopyOutcome }>): Promise<void> {
  const output = ctx.outputs.copyOffsite;
  if (output.offsite === 'none') return;
  const { backupId, instanceId, tenantId } = ctx.input;
  const ref = { tenantId, backupId, instanceId, endpoint: output.endpoint, bucket: output.bucket };
  if (output.offsite === 'copied') {
    await sendSagaCommand(handleCommand, ctx, 'offsite', 'RecordBackupCopiedOffsite', { ...ref, objects: JSON.parse(output.objects) as OffsiteObject[] }, tenantId);
  } else {
    await sendSagaCommand(handleCommand, ctx, 'offsite', 'RecordBackupOffsiteCopyFailed', { ...ref, reason: output.reason.slice(0, 2000) }, tenantId);
  }
}
