import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import { createBackupTargetCredentials } from '../adapters/storage/backupTargetCredentials';
import { createTenantTargetAccess } from '../adapters/storage/createTenantTargetAccess';
import { backupSagas } from '../sagas/backups/backupSagas';
import type { BackupSagaDeps } from '../sagas/backups/backupSagaDeps';
import { startSagaWorker, type SagaKindWorkerOptions, type SagaWorker } from './startSagaWorker';
import { backupSagaTriggers } from '../domain/saga/backupSagaTriggers';

export interface BackupSagaWorkerOptions extends SagaKindWorkerOptions {
  secretsKey: Buffer;
  /** BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS (development, tests): tenants' targets may be private. */
  allowPrivateTargetEndpoints?: boolean;
  deps: Omit<BackupSagaDeps, 'secrets' | 'store' | 'handleCommand'> & Pick<BackupSagaDeps, 'handleCommand'>;
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
      targets: createTenantTargetAccess({ allowPrivateEndpoints: options.allowPrivateTargetEndpoints ?? false }),
    },
  };
  return startSagaWorker({ ...options, definitions: backupSagas(deps), triggers: backupSagaTriggers, consumerGroup: 'sagas-backup' });
}
