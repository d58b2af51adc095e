import { migrateSecrets } from '../adapters/secrets/migrateSecrets';
import { createBackupTargetCredentials } from '../adapters/storage/backupTargetCredentials';
import { createTenantTargetAccess } from '../adapters/storage/createTenantTargetAccess';
import { backupTargetRoutes } from '../api/http/routes/backupTargetRoutes';
import type { PlatformCore } from './createPlatformCore';

/** The off-site target routes wired to the secrets table the backup worker reads (SAGA_SCHEMA). */
export async function wireBackupTargetRoutes(core: PlatformCore) {
  const { config, pool } = core;
  await migrateSecrets(pool, config.SAGA_SCHEMA);
  return backupTargetRoutes({
    handleCommand: core.handleCommand,
    store: core.store,
    credentials: createBackupTargetCredentials(pool, config.SAGA_SCHEMA, core.identityOptions.secretsKey),
    // One attempt, bounded connect: a PUT with a wrong endpoint answers in seconds, not after retries.
    targets: createTenantTargetAccess({ quick: true, allowPrivateEndpoints: config.BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS }),
  });
}
