import { createBackupVolumes } from '../adapters/docker/createBackupVolumes';
import { createDockerClient } from '../adapters/docker/createDockerClient';
import { dockerSettingsFromConfig } from './dockerSettingsFromConfig';
import { secretsKeyFromConfig } from './secretsKeyFromConfig';
import { createPostgresAdmin } from '../adapters/postgresAdmin/createPostgresAdmin';
import { createRestoreDatabaseAdmin } from '../adapters/postgresAdmin/createRestoreDatabaseAdmin';
import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { backupStorageFromConfig } from './backupStorageFromConfig';
import { backupsProjection } from '../projections/backups/backupsProjection';
import { createBackupQueries } from '../projections/backups/queryBackups';
import { backupPolicyDefaultsFromConfig } from '../projections/backupPolicies/backupPolicyDefaultsFromConfig';
import { createBackupPolicyQueries } from '../projections/backupPolicies/queryBackupPolicies';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { retentionReadModels } from '../projections/backups/retentionReadModels';
import type { CliContext } from '../api/cli/cliContext';
import { createCliCommandPipeline } from './createCliContext';

/** What the `backups` verbs need beyond the CLI context: the catalogue, storage from BACKUP_* config,
 * the command pipeline, and (verify) the instances cluster, Docker volumes and instance secrets.
 * `close` releases what was opened here. */
export async function backupsCliDeps(context: CliContext) {
  const { config, pool, db, store } = context;
  const { actor, handleCommand } = await createCliCommandPipeline(context);
  // The platform's own rule, so a dev CLI reads the passwords the dev platform wrote.
  const secretsKey = secretsKeyFromConfig(config);
  const storage = backupStorageFromConfig(config);
  const postgresAdmin = createPostgresAdmin(config.INSTANCE_DB_ADMIN_URL, config.PG_BIN_DIR ? { pgBinDir: config.PG_BIN_DIR } : {});
  const databases = createRestoreDatabaseAdmin(config.INSTANCE_DB_ADMIN_URL);
  return {
    actor,
    backups: createBackupQueries(db, servingTableNames(backupsProjection, config.READMODEL_SCHEMA)),
    // Retention (`backups prune`): the effective policies and what pruning reads.
    policies: createBackupPolicyQueries(db, config.READMODEL_SCHEMA, backupPolicyDefaultsFromConfig(config)),
    ...retentionReadModels(db, config.READMODEL_SCHEMA),
    store, handleCommand, storage, postgresAdmin, databases,
    volumes: createBackupVolumes(createDockerClient(config.DOCKER_SOCKET), dockerSettingsFromConfig(config)),
    secrets: createPostgresSecretStore(pool, config.SAGA_SCHEMA, secretsKey),
    async close() {
      await storage.close();
      await postgresAdmin.close();
      await databases.close();
    },
  };
}
