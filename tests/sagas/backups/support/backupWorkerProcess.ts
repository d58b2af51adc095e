import { createBackupVolumes } from '../../../../src/adapters/docker/createBackupVolumes';
import { createRestoreDatabaseAdmin } from '../../../../src/adapters/postgresAdmin/createRestoreDatabaseAdmin';
import { createFsBackupStorage } from '../../../../src/adapters/storage/createFsBackupStorage';
import { startBackupSagaWorker } from '../../../../src/workers/startBackupSagaWorker';
import { testInstanceAdminUrl } from '../../../support/instancesDb';
import { createSagaWorld, testPlans, type SagaWorldNames } from '../../support/sagaTestWorld';

// The backup saga worker alone in its own process, so a test measures this process's memory: it
// prints `ready` and then its RSS every 50 ms (`rss <bytes>`). World names come as JSON in
// SAGA_WORLD, the fs storage root in BACKUP_FS_ROOT (the parent's world reads the same files).
async function main(): Promise<void> {
  const names = JSON.parse(process.env.SAGA_WORLD ?? '') as SagaWorldNames;
  const world = await createSagaWorld(names);
  await startBackupSagaWorker({
    pool: world.pool, db: world.db, store: world.store, readModelSchema: names.readModelSchema,
    sagaSchema: names.sagaSchema, secretsKey: Buffer.from(names.secretsKey, 'base64'),
    deps: {
      handleCommand: world.handleCommand, docker: world.adapter, volumes: createBackupVolumes(world.docker, names.docker),
      postgresAdmin: world.postgresAdmin, databases: createRestoreDatabaseAdmin(testInstanceAdminUrl),
      storage: createFsBackupStorage(process.env.BACKUP_FS_ROOT ?? ''), plans: testPlans, healthTimeoutMs: 10_000, archiveTimeoutMs: 300_000,
    },
    runtime: { maxAttempts: 2, retryBaseMs: 50, pauseMs: 500 },
    concurrency: 1, pollIntervalMs: 100,
  });
  process.stdout.write('ready\n');
  setInterval(() => process.stdout.write(`rss ${process.memoryUsage().rss}\n`), 50);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
