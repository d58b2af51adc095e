import type pg from 'pg';
import type { EventStore } from '../ports/eventStore';
import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import { createBackupTargetCredentials } from '../adapters/storage/backupTargetCredentials';
import { openTenantTargetStorage } from '../adapters/storage/openTenantTargetStorage';
import type { ProjectionDb } from '../projections/runtime/projection';
import { backupSagas } from '../sagas/backups/backupSagas';
import type { BackupSagaDeps } from '../sagas/backups/backupSagaDeps';
import type { SagaRuntimeSettings } from '../sagas/runtime/runSaga';
import type { ProjectionRunner } from '../projections/runtime/startProjectionRunner';
import type { SagaProcessorOptions } from '../sagas/runtime/startSagaProcessor';
import { startSagaWorker, type SagaReconcileSettings, type SagaWorker } from './startSagaWorker';
import { backupSagaTriggers } from '../domain/saga/backupSagaTriggers';

export interface BackupSagaWorkerOptions {
  pool: pg.Pool;
  lockPool?: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  readModelSchema: string;
  /** Schema of the secrets table (the instance sagas' SAGA_SCHEMA: restores read instance passwords). */
  sagaSchema: string;
  secretsKey: Buffer;
  /** BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS (development, tests): tenants' targets may be private. */
  allowPrivateTargetEndpoints?: boolean;
  deps: Omit<BackupSagaDeps, 'secrets' | 'store' | 'handleCommand'> & Pick<BackupSagaDeps, 'handleCommand'>;
  runtime: SagaRuntimeSettings;
  concurrency: number;
  pollIntervalMs: number;
  reconcile?: SagaReconcileSettings;
  /** The platform's `sagas` projection runner when it runs one (its moves wake the processor). */
  sagasRunner?: ProjectionRunner;
  logger?: SagaProcessorOptions['logger'];
}

/** Runs the backup and restore sagas (several workers may; each saga runs under its advisory lock).
 * A separate processor from the instance sagas', so a long backup never takes an instance saga's slot. */
export async function startBackupSagaWorker(options: BackupSagaWorkerOptions): Promise<SagaWorker> {
  await migrateSecrets(options.pool, options.sagaSchema);
  const deps: BackupSagaDeps = {
    ...options.deps, store: options.store,
    secrets: createPostgresSecretStore(options.pool, options.sagaSchema, options.secretsKey),
    // Tenants' own off-site targets: their credentials sit in the same secrets table (decision 023).
    offsite: options.deps.offsite ?? {
      credentials: createBackupTargetCredentials(options.pool, options.sagaSchema, options.secretsKey),
      allowPrivateEndpoints: options.allowPrivateTargetEndpoints ?? false,
      openStorage: (location, credentials) => openTenantTargetStorage(location, credentials, { allowPrivateEndpoints: options.allowPrivateTargetEndpoints ?? false }),
    },
  };
  return startSagaWorker({ ...options, definitions: backupSagas(deps), triggers: backupSagaTriggers, consumerGroup: 'sagas-backup' });
}
