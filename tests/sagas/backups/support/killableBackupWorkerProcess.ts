import { createBackupVolumes } from '../../../../src/adapters/docker/createBackupVolumes';
import { createRestoreDatabaseAdmin } from '../../../../src/adapters/postgresAdmin/createRestoreDatabaseAdmin';
import { createFsBackupStorage } from '../../../../src/adapters/storage/createFsBackupStorage';
import { startBackupSagaWorker } from '../../../../src/workers/startBackupSagaWorker';
import { testInstanceAdminUrl } from '../../../support/instancesDb';
import { createSagaWorld, testPlans, type SagaWorldNames } from '../../support/sagaTestWorld';

// A backup/restore saga worker in its own process, for SIGKILL tests: world names in SAGA_WORLD, the
// fs storage root in BACKUP_FS_ROOT, FAULT_INJECT_STEP as the runtime's (`<step>:hang` parks it
// right after the step's work, `<step>` fails it there). Several slots: a restore waits for its
// pre-restore backup, which needs a slot of its own.
async function main(): Promise<void> {
  const names = JSON.parse(process.env.SAGA_WORLD ?? '') as SagaWorldNames;
  const world = await createSagaWorld(names);
  const fault = process.env.FAULT_INJECT_STEP;
  await startBackupSagaWorker({
    pool: world.pool, db: world.db, store: world.store, readModelSchema: names.readModelSchema,
    sagaSchema: names.sagaSchema, secretsKey: Buffer.from(names.secretsKey, 'base64'),
    deps: {
      handleCommand: world.handleCommand, docker: world.adapter, volumes: createBackupVolumes(world.docker, names.docker),
      postgresAdmin: world.postgresAdmin, databases: createRestoreDatabaseAdmin(testInstanceAdminUrl),
      storage: createFsBackupStorage(process.env.BACKUP_FS_ROOT ?? ''), plans: testPlans, healthTimeoutMs: 10_000, archiveTimeoutMs: 300_000,
    },
    runtime: { maxAttempts: 2, retryBaseMs: 50, pauseMs: 500, ...(fault ? { faultInjectStep: fault } : {}) },
    concurrency: 4, pollIntervalMs: 100,
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
