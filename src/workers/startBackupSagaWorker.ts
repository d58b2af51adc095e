import type pg from 'pg';
import type { EventStore } from '../adapters/eventstore/eventStore';
import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import type { ProjectionDb } from '../projections/runtime/projection';
import { ensureProjection } from '../projections/runtime/ensureProjection';
import { startProjectionRunner, type ProjectionRunner } from '../projections/runtime/startProjectionRunner';
import { sagasProjection } from '../projections/sagas/sagasProjection';
import { backupSagas } from '../sagas/backups/backupSagas';
import type { BackupSagaDeps } from '../sagas/backups/backupSagaDeps';
import type { SagaRuntimeSettings } from '../sagas/runtime/runSaga';
import { startSagaProcessor, type SagaProcessor, type SagaProcessorOptions } from '../sagas/runtime/startSagaProcessor';

export interface BackupSagaWorkerOptions {
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  readModelSchema: string;
  /** Schema of the secrets table (the instance sagas' SAGA_SCHEMA: restores read instance passwords). */
  sagaSchema: string;
  secretsKey: Buffer;
  deps: Omit<BackupSagaDeps, 'secrets' | 'store' | 'handleCommand'> & Pick<BackupSagaDeps, 'handleCommand'>;
  runtime: SagaRuntimeSettings;
  concurrency: number;
  pollIntervalMs: number;
  /** The platform's `sagas` projection runner when it runs one (its moves wake the processor). */
  sagasRunner?: ProjectionRunner;
  logger?: SagaProcessorOptions['logger'];
}

/** Runs the backup and restore sagas (several workers may; each saga runs under its advisory lock).
 * A separate processor from the instance sagas', so a long backup never takes an instance saga's slot. */
export async function startBackupSagaWorker(options: BackupSagaWorkerOptions): Promise<{ processor: SagaProcessor; stop(): Promise<void> }> {
  await migrateSecrets(options.pool, options.sagaSchema);
  await ensureProjection(options.db, sagasProjection, options.readModelSchema);
  const deps: BackupSagaDeps = {
    ...options.deps, store: options.store,
    secrets: createPostgresSecretStore(options.pool, options.sagaSchema, options.secretsKey),
  };
  const processor = startSagaProcessor({
    pool: options.pool, db: options.db, readModelSchema: options.readModelSchema, store: options.store,
    definitions: backupSagas(deps), settings: options.runtime, concurrency: options.concurrency,
    pollIntervalMs: options.pollIntervalMs, ...(options.logger ? { logger: options.logger } : {}),
  });
  const runner = options.sagasRunner ?? startProjectionRunner({
    db: options.db, pool: options.pool, store: options.store, projection: sagasProjection, schema: options.readModelSchema,
    idlePollMs: options.pollIntervalMs, leadershipRetryMs: 500,
  });
  const unsubscribe = runner.onCheckpoint(() => processor.wake());
  return {
    processor,
    async stop() {
      unsubscribe();
      await processor.stop();
      if (!options.sagasRunner) await runner.stop();
    },
  };
}
