import { createBackupVolumes } from '../../../../src/adapters/docker/createBackupVolumes';
import { createRestoreDatabaseAdmin } from '../../../../src/adapters/postgresAdmin/createRestoreDatabaseAdmin';
import { createFsBackupStorage } from '../../../../src/adapters/storage/createFsBackupStorage';
import { startBackupSagaWorker } from '../../../../src/wiring/startBackupSagaWorker';
import { testInstanceAdminUrl } from '../../../support/instancesDb';
import { createSagaWorld, testHealthTimeoutMs, testPlans, type SagaWorldNames } from '../../support/sagaTestWorld';
import { ODOO_DOUBLE_IMAGES } from '../../../support/docker';

// A backup/restore saga worker in its own process, so a test can SIGKILL it or measure its memory.
// World names come as JSON in SAGA_WORLD, the fs storage root in BACKUP_FS_ROOT (the parent's world
// reads the same files), FAULT_INJECT_STEP as the runtime's (`<step>:hang` parks it right after the
// step's work, `<step>` fails it there), SAGA_CONCURRENCY (default 4: a restore waits for its
// pre-restore backup, which needs a slot of its own). Prints `ready`, then with REPORT_RSS=1 its RSS
// every 50 ms (`rss <bytes>`).
async function main(): Promise<void> {
  const names = JSON.parse(process.env.SAGA_WORLD ?? '') as SagaWorldNames;
  const world = await createSagaWorld(names);
  const fault = process.env.FAULT_INJECT_STEP;
  await startBackupSagaWorker({
    pool: world.pool, db: world.db, store: world.store, readModelSchema: names.readModelSchema,
    sagaSchema: names.sagaSchema, secretsKey: Buffer.from(names.secretsKey, 'base64'),
    // Tenants' targets here are s3rver peers on 127.0.0.1.
    allowPrivateTargetEndpoints: true,
    deps: {
      handleCommand: world.handleCommand, docker: world.adapter, volumes: createBackupVolumes(world.docker, names.docker),
      postgresAdmin: world.postgresAdmin, databases: createRestoreDatabaseAdmin(testInstanceAdminUrl),
      storage: createFsBackupStorage(process.env.BACKUP_FS_ROOT ?? ''), plans: testPlans, odooImages: ODOO_DOUBLE_IMAGES, healthTimeoutMs: testHealthTimeoutMs, archiveTimeoutMs: 300_000,
    },
    runtime: { maxAttempts: 2, retryBaseMs: 50, pauseMs: 500, ...(fault ? { faultInjectStep: fault } : {}) },
    concurrency: Number(process.env.SAGA_CONCURRENCY ?? 4), pollIntervalMs: 100,
  });
  process.stdout.write('ready\n');
  if (process.env.REPORT_RSS === '1') setInterval(() => process.stdout.write(`rss ${process.memoryUsage().rss}\n`), 50);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
