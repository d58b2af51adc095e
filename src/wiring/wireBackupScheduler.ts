import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import { backupPolicyDefaultsFromConfig } from '../projections/backupPolicies/backupPolicyDefaultsFromConfig';
import { createBackupPolicyQueries } from '../projections/backupPolicies/queryBackupPolicies';
import { backupsProjection } from '../projections/backups/backupsProjection';
import { instancesProjection } from '../projections/instances/instancesProjection';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { newestCompletedBackups } from '../projections/backups/newestCompletedBackups';
import { retentionReadModels } from '../projections/backups/retentionReadModels';
import { startBackupScheduler, type BackupScheduler } from '../processes/startBackupScheduler';
import type { InstanceInfrastructure } from './createInstanceInfrastructure';
import type { PlatformCore } from './createPlatformCore';

/** The worker's backup scheduler, retention and restore drill wired from config (the worker role
 * starts it beside the backup sagas, which do the backups its slots ask for). */
export async function wireBackupScheduler(core: PlatformCore, instances: InstanceInfrastructure): Promise<BackupScheduler> {
  const { config, pool, db, store, handleCommand, logger } = core;
  const schema = config.READMODEL_SCHEMA;
  await migrateSecrets(pool, config.SAGA_SCHEMA);
  const storage = instances.backupStorage;
  return startBackupScheduler({
    pool, lockScope: schema, handleCommand,
    policies: createBackupPolicyQueries(db, schema, backupPolicyDefaultsFromConfig(config)),
    prune: { ...retentionReadModels(db, schema), storage },
    drill: {
      store, handleCommand, postgresAdmin: instances.postgresAdmin, databases: instances.restoreDatabases, storage,
      volumes: instances.backupVolumes,
      secrets: createPostgresSecretStore(pool, config.SAGA_SCHEMA, core.identityOptions.secretsKey),
      newestCompletedBackups: () => newestCompletedBackups(db, servingTableNames(backupsProjection, schema), servingTableNames(instancesProjection, schema)),
    },
    intervalMs: config.BACKUP_SCHEDULER_INTERVAL_MS,
    lookbackMs: config.BACKUP_SCHEDULER_LOOKBACK_HOURS * 3600_000,
    retentionIntervalMs: config.BACKUP_RETENTION_INTERVAL_MS,
    pruneMinAgeMs: config.BACKUP_PRUNE_MIN_AGE_HOURS * 3600_000,
    drillHourUtc: config.BACKUP_DRILL_HOUR,
    logger: logger.child({ component: 'backup-scheduler' }),
  });
}
