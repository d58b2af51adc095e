import { Readable } from 'node:stream';
import type { BackupStarted } from '../../domain/backup/backupEvents';
import { permanentIfHopeless } from '../instances/instanceSteps';
import { DomainError } from '../../domain/shared/decider';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaContext, SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError, SagaDeferral } from '../runtime/sagaErrors';
import { archiveDataStep, type ArchivedData } from './archiveDataStep';
import { backupObjectKeys } from './backupObjectKeys';
import type { BackupSagaDeps } from './backupSagaDeps';
import { buildBackupManifest, type RecordedBackup } from './buildBackupManifest';
import { copyBackupOffsiteStep, reportOffsiteCopy } from './copyBackupOffsite';
import { loadInstanceFacts } from './loadInstanceFacts';
import { sendSagaCommand } from '../runtime/sendSagaCommand';

type Input = BackupStarted['data'];
const restoreWaitMs = 5_000;
const busyWaitMs = 5_000;

/**
 * A backup, top to bottom (docs/decisions/016): note the instance's state, stop it for a consistent
 * backup, stream `pg_dump -Fc` and the volume's tar into storage at once (SHA-256 and size on the way), bring
 * the instance back to the state it had, then the manifest. The backup counts only once
 * BackupCompleted is recorded, so objects of an interrupted run are never "a backup".
 */
export function backupInstanceSaga(deps: BackupSagaDeps): SagaDefinition<Input> {
  const keys = (input: Input) => backupObjectKeys(input.instanceId, input.backupId);
  const stopsInstance = (input: Input, wasRunning: boolean) => input.mode === 'consistent' && wasRunning;
  // A consistent backup holds the instance like any operation (no start/stop/delete meanwhile, and its
  // stop is not a crash). A pre-delete or pre-restore backup runs under its deletion's or restore's hold.
  const holdsInstance = (input: Input) => input.mode === 'consistent' && input.trigger !== 'pre-delete' && input.trigger !== 'pre-restore';
  return defineSaga<Input>('backupInstance')
    .step('holdInstance', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        const { input } = ctx;
        if (!holdsInstance(input)) return { held: false };
        await sendSagaCommand(deps.handleCommand, ctx, 'hold-instance', 'BeginInstanceBackupHold',
          { instanceId: input.instanceId, backupId: input.backupId }, input.tenantId).catch(deferWhileBusy);
        return { held: true };
      },
      compensate: async (ctx) => {
        if (holdsInstance(ctx.input)) await releaseHold(deps, ctx);
      },
    })
    .step('inspectInstance', {
      timeoutMs: 30_000,
      run: async ({ input }) => {
        const instance = await loadInstanceFacts(deps.store, input.instanceId);
        if (instance.tenantId !== input.tenantId) throw new PermanentSagaError(`instance ${input.instanceId} is not the tenant's`);
        // A pre-delete backup runs while the instance is being deleted, after its container is gone:
        // nothing writes any more, so it is consistent without stopping anything (wasRunning is false).
        const allowed = input.trigger === 'pre-delete' ? ['running', 'stopped', 'deleting'] : ['running', 'stopped'];
        if (!allowed.includes(instance.status)) throw new PermanentSagaError(`instance ${input.instanceId} is ${instance.status}`);
        // A restore holds the instance and removes/recreates its container: wait until it ends rather
        // than stop and start that container under it (its own pre-restore backup excepted).
        if (instance.pendingOperation === 'restore' && input.trigger !== 'pre-restore') {
          throw new SagaDeferral(new Date(Date.now() + restoreWaitMs), 'a restore of the instance is in progress');
        }
        const container = await deps.docker.inspect(input.instanceId);
        return {
          wasRunning: container.exists && container.running, plan: instance.plan, odooVersion: instance.odooVersion,
          startedAt: new Date().toISOString(),
        };
      },
    })
    .step('stopInstance', {
      timeoutMs: 120_000,
      run: async ({ input, outputs }): Promise<{ stoppedAt: number | null }> => {
        if (!stopsInstance(input, outputs.inspectInstance.wasRunning)) return { stoppedAt: null };
        await deps.docker.stop(input.instanceId);
        return { stoppedAt: Date.now() };
      },
      // Back to the prior state whatever failed later (the archives are thrown away separately).
      compensate: async ({ input, outputs }) => {
        if (stopsInstance(input, outputs.inspectInstance.wasRunning)) await deps.docker.start(input.instanceId);
      },
    })
    .step(archiveDataStep(deps))
    .step('resumeInstance', {
      timeoutMs: deps.healthTimeoutMs + 60_000, maxAttempts: 2,
      run: async ({ input, outputs }) => {
        const { stoppedAt } = outputs.stopInstance;
        if (stoppedAt === null) return { downtimeMs: 0 };
        await deps.docker.start(input.instanceId);
        await deps.docker.waitForHealthy(input.instanceId, { timeoutMs: deps.healthTimeoutMs }).catch(permanentIfHopeless);
        return { downtimeMs: Date.now() - stoppedAt };
      },
    })
    .step('releaseInstance', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        if (holdsInstance(ctx.input)) await releaseHold(deps, ctx);
      },
    })
    .step('writeManifest', {
      timeoutMs: 60_000,
      run: async ({ input, outputs }) => {
        const completedAt = new Date().toISOString();
        const manifest = buildBackupManifest(input, recordedBackup(outputs, completedAt));
        await deps.storage.put(keys(input).manifest, Readable.from([Buffer.from(JSON.stringify(manifest, null, 2))]));
        return { completedAt };
      },
      compensate: async ({ input }) => deps.storage.delete(keys(input).manifest),
    })
    // The tenant's own bucket, if it set one; never fails the backup (docs/decisions/023).
    .step(copyBackupOffsiteStep(deps))
    .onCompleted(async (ctx) => {
      const manifest = buildBackupManifest(ctx.input, recordedBackup(ctx.outputs, ctx.outputs.writeManifest.completedAt));
      await sendSagaCommand(deps.handleCommand, ctx, 'completed', 'RecordBackupCompleted', { backupId: ctx.input.backupId, manifest }, ctx.input.tenantId);
      await reportOffsiteCopy(deps.handleCommand, ctx);
    })
    .onFailed(async (ctx, failure) => {
      await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordBackupFailed',
        { backupId: ctx.input.backupId, reason: failure.reason.slice(0, 2000), failedStep: failure.step }, ctx.input.tenantId);
    })
    .build();
}

/** The manifest's facts as the steps recorded them. */
function recordedBackup(
  outputs: { inspectInstance: { startedAt: string; plan: string; odooVersion: string }; archiveData: ArchivedData; resumeInstance: { downtimeMs: number } },
  completedAt: string,
): RecordedBackup {
  const { startedAt, plan, odooVersion } = outputs.inspectInstance;
  return { startedAt, plan, odooVersion, archived: outputs.archiveData, downtimeMs: outputs.resumeInstance.downtimeMs, completedAt };
}

async function releaseHold(deps: BackupSagaDeps, ctx: SagaContext<Input>): Promise<void> {
  await sendSagaCommand(deps.handleCommand, ctx, 'release-instance', 'ReleaseInstanceBackupHold',
    { instanceId: ctx.input.instanceId, backupId: ctx.input.backupId }, ctx.input.tenantId);
}

/** Another operation (a restart, a restore) holds the instance: the backup waits for it to end. */
function deferWhileBusy(error: unknown): never {
  if (error instanceof DomainError && error.code === 'operation-in-progress') {
    throw new SagaDeferral(new Date(Date.now() + busyWaitMs), error.message);
  }
  if (error instanceof DomainError) throw new PermanentSagaError(error.message, { cause: error });
  throw error;
}
