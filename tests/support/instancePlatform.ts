import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresAdmin } from '../../src/adapters/postgresAdmin/createPostgresAdmin';
import { instanceDatabaseName } from '../../src/sagas/instances/instanceDatabaseName';
import { createTestDocker, ODOO_DOUBLE_IMAGES, removeTenantNetworks } from './docker';
import { testInstanceAdminUrl } from './instancesDb';
import { createTestPool, dropSchema, testDatabaseUrl, uniqueSchemaName } from './postgres';
import { startTestPlatform, type TestPlatform } from './testPlatform';

export interface InstancePlatform {
  platform: TestPlatform;
  /** Everything the platform was configured with, names and keys included: what another process of
   * the same platform (a second worker) needs (platformProcess.ts). */
  env: Record<string, string>;
  /** Instances this suite made: removed with their databases at stop (the platform's resources
   * carry no test labels). */
  created: string[];
  stop(): Promise<void>;
}

/** The whole platform (api + worker, sagas, health watcher, usage meter) on real Docker, the
 * instances cluster and the Odoo contract double, on names of its own. */
export async function startInstancePlatform(suite: string, env: Record<string, string> = {}): Promise<InstancePlatform> {
  const backupRoot = await mkdtemp(path.join(tmpdir(), `${suite}-backups-`));
  const sagaSchema = uniqueSchemaName('sg');
  const network = `pt_${suite}_${process.pid}`;
  const config: Record<string, string> = {
    NODE_ENV: 'test', DATABASE_URL: testDatabaseUrl, PASSWORD_SCRYPT_COST: '4096',
    EVENTSTORE_SCHEMA: uniqueSchemaName('es'), READMODEL_SCHEMA: uniqueSchemaName('rm'), IDENTITY_SCHEMA: uniqueSchemaName('id'),
    BUS_SCHEMA: uniqueSchemaName('bus'), NOTIFY_SCHEMA: uniqueSchemaName('nt'), MAIL_DIR: path.join(backupRoot, 'mail'),
    SECRETS_KEY: randomBytes(32).toString('base64'), NOTIFY_UNSUBSCRIBE_KEY: randomBytes(32).toString('base64'),
    REGISTRATIONS_PER_IP_HOURLY: '100000', VERIFICATION_RESENDS_PER_IP_HOURLY: '100000',
    SAGAS_ENABLED: 'true', ODOO_IMAGES: JSON.stringify(ODOO_DOUBLE_IMAGES), ODOO_INIT_TIMEOUT_MS: '60000', INSTANCE_NETWORK: network,
    INSTANCE_DB_ADMIN_URL: testInstanceAdminUrl, INSTANCE_PLANS: JSON.stringify({ starter: { memoryMb: 128, cpus: 0.5 } }),
    INSTANCE_HEALTH_TIMEOUT_MS: '90000',
    // Every ready container runs its check (curl, a node process in the double) this often: at 2 s,
    // twenty instances alone kept two cores busy.
    INSTANCE_HEALTHCHECK_INTERVAL_MS: '6000', INSTANCE_HEALTH_POLL_MS: '50', INSTANCE_STOP_TIMEOUT_SECONDS: '0',
    INSTANCE_URL_SCHEME: 'http', BASE_DOMAIN: 'test.localhost',
    SAGA_SCHEMA: sagaSchema, SAGA_POLL_INTERVAL_MS: '100', SAGA_RETRY_BASE_MS: '50',
    BACKUP_FS_ROOT: backupRoot, BACKUP_SCHEDULER_ENABLED: 'false',
    ...env,
  };
  const platform = await startTestPlatform('all', config);
  const created: string[] = [];
  return {
    platform,
    env: config,
    created,
    async stop() {
      await platform.stop();
      const docker = createTestDocker();
      for (const id of created) {
        await docker.getContainer(`odoo-${id}`).remove({ force: true }).catch(() => undefined);
        await docker.getVolume(`odoo-${id}-data`).remove().catch(() => undefined);
      }
      await removeTenantNetworks(docker, network);
      const admin = createPostgresAdmin(testInstanceAdminUrl);
      for (const id of created) {
        await admin.dropDatabase(instanceDatabaseName(id)).catch(() => undefined);
        await admin.dropRole(instanceDatabaseName(id)).catch(() => undefined);
      }
      await admin.close();
      const pool = createTestPool(1);
      for (const schema of [sagaSchema, config.NOTIFY_SCHEMA!]) await dropSchema(pool, schema);
      await pool.end();
      await rm(backupRoot, { recursive: true, force: true });
    },
  };
}
