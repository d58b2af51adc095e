import { v5 } from 'uuid';
import type { BackupManifest } from '../../domain/backup/backupManifest';
import type { RestoreRequest } from '../../domain/restore/restoreDecider';
import type { BackupSagaDeps } from '../backups/backupSagaDeps';
import { loadBackup } from '../backups/loadBackup';
import { loadInstanceFacts } from '../backups/loadInstanceFacts';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import { drain, streamArchiveInto } from '../backups/streamArchiveInto';
import { waitForBackup } from '../backups/waitForBackup';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaContext, SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { NotFoundError } from '../../domain/shared/decider';
import { discardClone, provisionClone } from './cloneInstance';
import { permanentIfRefused } from './permanentIfRefused';
import { recreateInstanceContainer } from './recreateInstanceContainer';
import { instanceCredentials, restoreDatabaseArchive, restoreVolumeArchive } from './restoreArchives';
import { restoreResourceNames } from './restoreResourceNames';

const preRestoreNamespace = '9d3f6a1e-2b7c-4e58-a0d1-6c4b8e2f7a90';

/**
 * A restore that never destroys the only good copy (docs/decisions/016, 024): check the archives against
 * the manifest, take a pre-restore backup, restore into a NEW database and volume, repair ownership,
 * verify, then swap (rename the databases, move volume contents), recreate the container in the
 * state it had, and only then drop the old data. Every step before the clean-up has a compensation
 * that leads back to exactly the old data.
 */
export function restoreBackupSaga(deps: BackupSagaDeps): SagaDefinition<RestoreRequest> {
  const names = (input: RestoreRequest) => restoreResourceNames(input.instanceId, input.restoreId);
  const manifestOf = async (input: RestoreRequest): Promise<BackupManifest> => {
    const backup = await loadBackup(deps.store, input.backupId);
    if (backup.status !== 'completed' || !backup.manifest) throw new PermanentSagaError(`backup ${input.backupId} is ${backup.status}, not completed`);
    // Any instance of the backup's tenant may receive it (its own, another, a clone); never another tenant's.
    if (backup.tenantId !== input.tenantId) throw new PermanentSagaError(`backup ${input.backupId} belongs to another tenant`);
    return backup.manifest;
  };
  const swapDatabases = async (from: { keep: string; current: string; incoming: string }) => {
    // Idempotent both ways: each rename happens only if its source is there and its target is not.
    if (!(await deps.postgresAdmin.databaseExists(from.keep)) && (await deps.postgresAdmin.databaseExists(from.current))) {
      await deps.databases.renameDatabase(from.current, from.keep);
    }
    if ((await deps.postgresAdmin.databaseExists(from.incoming)) && !(await deps.postgresAdmin.databaseExists(from.current))) {
      await deps.databases.renameDatabase(from.incoming, from.current);
    }
  };
  const replaceVolumeContents = async (instanceId: string, tenantId: string, volume: string, source: string) => {
    await deps.volumes.remove(volume);
    await deps.volumes.ensure(volume, { instanceId, tenantId });
    await deps.volumes.copy(source, volume);
  };

  const release = async (ctx: SagaContext<RestoreRequest>, report: 'RecordInstanceRestored' | 'RecordInstanceRestoreFailed', data: object) => {
    // An instance that never came to be (a clone refused at once) has no hold to release.
    await sendSagaCommand(deps.handleCommand, ctx, `release-${report}`, report, { instanceId: ctx.input.instanceId, restoreId: ctx.input.restoreId, ...data }, ctx.input.tenantId)
      .catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error;
      });
  };

  return defineSaga<RestoreRequest>('restoreBackup')
    // A clone restores into a new instance of the tenant, provisioned here and deleted if the restore fails.
    .step('provisionClone', {
      timeoutMs: deps.healthTimeoutMs + 180_000,
      run: async (ctx) => {
        if (!ctx.input.clone) return { cloned: false };
        await provisionClone(deps, ctx, await manifestOf(ctx.input));
        return { cloned: true };
      },
      compensate: async (ctx) => {
        if (ctx.input.clone) await discardClone(deps, ctx);
      },
    })
    // The instance's hold for this restore (issue 6: no second restore, no start/stop/resize/delete
    // meanwhile). Released by onCompleted/onFailed (or by discardClone).
    .step('holdInstance', {
      timeoutMs: 30_000,
      run: async (ctx) => {
        const { input } = ctx;
        const instance = await loadInstanceFacts(deps.store, input.instanceId);
        if (instance.tenantId !== input.tenantId) throw new PermanentSagaError(`instance ${input.instanceId} is not the tenant's`);
        await sendSagaCommand(deps.handleCommand, ctx, 'hold-instance', 'BeginInstanceRestore', {
          instanceId: input.instanceId, restoreId: input.restoreId, backupId: input.backupId,
        }, input.tenantId).catch(permanentIfRefused('another operation is in progress or the instance cannot be restored now'));
      },
    })
    // First, before anything is touched: a corrupted archive is refused with the instance as it was.
    .step('checkBackup', {
      timeoutMs: deps.archiveTimeoutMs,
      run: async ({ input }) => {
        const manifest = await manifestOf(input);
        await streamArchiveInto(deps.storage, manifest.database, drain);
        await streamArchiveInto(deps.storage, manifest.volume, drain);
        return { databaseSha256: manifest.database.sha256, volumeSha256: manifest.volume.sha256 };
      },
    })
    .step('recordPriorState', {
      timeoutMs: 30_000,
      run: async ({ input }) => {
        const instance = await loadInstanceFacts(deps.store, input.instanceId);
        if (!['running', 'stopped'].includes(instance.status)) throw new PermanentSagaError(`instance ${input.instanceId} is ${instance.status}`);
        const container = await deps.docker.inspect(input.instanceId);
        return { wasRunning: container.exists && container.running };
      },
    })
    .step('preRestoreBackup', {
      timeoutMs: deps.archiveTimeoutMs * 2 + deps.healthTimeoutMs,
      run: async (ctx) => {
        const backupId = v5(ctx.input.restoreId, preRestoreNamespace);
        await sendSagaCommand(deps.handleCommand, ctx, 'pre-restore-backup', 'BackupInstance', {
          backupId, instanceId: ctx.input.instanceId, tenantId: ctx.input.tenantId, mode: 'consistent', trigger: 'pre-restore',
        }, ctx.input.tenantId);
        await waitForBackup(deps, backupId, ctx.signal);
        return { preRestoreBackupId: backupId };
      },
    })
    .step('restoreDatabase', {
      timeoutMs: deps.archiveTimeoutMs,
      run: async ({ input }) => {
        const started = Date.now();
        await restoreDatabaseArchive(deps, await manifestOf(input), names(input).newDatabase, names(input).database, input.instanceId);
        return { database: names(input).newDatabase, durationMs: Date.now() - started };
      },
      compensate: async ({ input }) => deps.postgresAdmin.dropDatabase(names(input).newDatabase),
    })
    .step('fixOwnership', {
      timeoutMs: 120_000,
      run: async ({ input }) => ({ reassigned: await deps.databases.fixOwnership(names(input).newDatabase, names(input).database) }),
    })
    .step('restoreVolume', {
      timeoutMs: deps.archiveTimeoutMs,
      run: async ({ input }) => {
        const started = Date.now();
        await restoreVolumeArchive(deps, await manifestOf(input), names(input).newVolume, { instanceId: input.instanceId, tenantId: input.tenantId });
        return { volume: names(input).newVolume, durationMs: Date.now() - started };
      },
      compensate: async ({ input }) => deps.volumes.remove(names(input).newVolume),
    })
    .step('verifyRestore', {
      timeoutMs: 120_000,
      run: async ({ input }) => {
        const manifest = await manifestOf(input);
        const tables = await deps.databases.tableCount(names(input).newDatabase);
        if (tables !== manifest.database.tableCount) {
          throw new PermanentSagaError(`restored database has ${tables} tables, the backup had ${manifest.database.tableCount}`);
        }
        await deps.databases.probeCreateTable(names(input).newDatabase, await instanceCredentials(deps, input.instanceId, names(input).database));
        if (!(await deps.volumes.exists(names(input).newVolume))) throw new PermanentSagaError('restored volume is missing');
        return { tables };
      },
    })
    .step('removeContainer', {
      timeoutMs: 120_000,
      run: async ({ input }) => deps.docker.remove(input.instanceId),
      // Runs last among the compensations, when the old data is back in place.
      compensate: async ({ input, outputs }) => recreateInstanceContainer(deps, input.instanceId, outputs.recordPriorState.wasRunning),
    })
    .step('swapDatabase', {
      timeoutMs: 60_000,
      run: async ({ input }) => {
        const n = names(input);
        await swapDatabases({ keep: n.oldDatabase, current: n.database, incoming: n.newDatabase });
      },
      compensate: async ({ input }) => {
        const n = names(input);
        if (!(await deps.postgresAdmin.databaseExists(n.oldDatabase))) return;
        // The restored copy goes back to its side name (restoreDatabase's compensation drops it).
        await swapDatabases({ keep: n.newDatabase, current: n.database, incoming: n.oldDatabase });
      },
    })
    .step('preserveOldVolume', {
      timeoutMs: deps.archiveTimeoutMs,
      run: async ({ input }) => {
        const n = names(input);
        // Rerun only if it never completed, i.e. before replaceVolume touched the instance's volume.
        await deps.volumes.remove(n.oldVolume);
        await deps.volumes.ensure(n.oldVolume, { instanceId: input.instanceId, tenantId: input.tenantId });
        await deps.volumes.copy(n.volume, n.oldVolume);
      },
      compensate: async ({ input }) => deps.volumes.remove(names(input).oldVolume),
    })
    .step('replaceVolume', {
      timeoutMs: deps.archiveTimeoutMs,
      run: async ({ input }) => replaceVolumeContents(input.instanceId, input.tenantId, names(input).volume, names(input).newVolume),
      compensate: async ({ input }) => {
        if (await deps.volumes.exists(names(input).oldVolume)) {
          await replaceVolumeContents(input.instanceId, input.tenantId, names(input).volume, names(input).oldVolume);
        }
      },
    })
    .step('recreateContainer', {
      timeoutMs: deps.healthTimeoutMs + 120_000, maxAttempts: 2,
      run: async ({ input, outputs }) => recreateInstanceContainer(deps, input.instanceId, outputs.recordPriorState.wasRunning),
      compensate: async ({ input }) => deps.docker.remove(input.instanceId),
    })
    // After success only. A failure here must never swap back: leftovers are reported instead.
    .step('dropOldData', {
      timeoutMs: 120_000,
      run: async ({ input }) => {
        const n = names(input);
        const leftovers: string[] = [];
        for (const [what, drop] of [
          [n.oldDatabase, () => deps.postgresAdmin.dropDatabase(n.oldDatabase)],
          [n.oldVolume, () => deps.volumes.remove(n.oldVolume)],
          [n.newVolume, () => deps.volumes.remove(n.newVolume)],
        ] as const) {
          await drop().catch(() => leftovers.push(what));
        }
        return { leftovers: leftovers.join(',') };
      },
    })
    .onCompleted(async (ctx) => {
      await release(ctx, 'RecordInstanceRestored', {});
      await sendSagaCommand(deps.handleCommand, ctx, 'completed', 'RecordRestoreCompleted', {
        restoreId: ctx.input.restoreId, preRestoreBackupId: ctx.outputs.preRestoreBackup.preRestoreBackupId,
        durationMs: Date.now() - ctx.triggeredAt.getTime(),
      }, ctx.input.tenantId);
    })
    .onFailed(async (ctx, failure) => {
      await release(ctx, 'RecordInstanceRestoreFailed', { reason: failure.reason.slice(0, 2000) });
      await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordRestoreFailed', {
        restoreId: ctx.input.restoreId, reason: failure.reason.slice(0, 2000), failedStep: failure.step,
      }, ctx.input.tenantId);
    })
    .build();
}
