import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { createPostgresAdmin } from '../../../src/adapters/postgresAdmin/createPostgresAdmin';
import { instanceDatabaseName } from '../../../src/sagas/instances/instanceDatabaseName';
import { createTestDocker, ODOO_DOUBLE_IMAGES, removeTenantNetworks } from '../../support/docker';
import { testInstanceAdminUrl } from '../../support/instancesDb';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { identityKit, type IdentityKit, type Reply } from '../identity/identityKit';

// The whole platform (api + worker with the sagas and the health watcher) on real Docker and the
// instances cluster: a container killed from outside shows on GET /status as crashed, with its exit code.
describe('GET /api/v1/instances/{id}/status after a crash', () => {
  let platform: TestPlatform;
  let kit: IdentityKit;
  let owner: SignedUpUser;
  let docker: Docker;
  let backupRoot: string;
  const sagaSchema = uniqueSchemaName('sg');
  const network = `pt_statuscrash_${process.pid}`;
  const created: string[] = [];

  /** Polls /status (bounded, no fixed sleeps) until `done` holds; returns the last answer. */
  const statusUntil = async (instanceId: string, done: (reply: Reply) => boolean, timeoutMs: number): Promise<Reply> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = await kit.call('GET', `/api/v1/instances/${instanceId}/status`, undefined, owner.auth);
      if (done(reply) || Date.now() > deadline) return reply;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    backupRoot = await mkdtemp(path.join(tmpdir(), 'status-crash-backups-'));
    platform = await startTestPlatform('all', {
      SAGAS_ENABLED: 'true',
      ODOO_IMAGES: JSON.stringify(ODOO_DOUBLE_IMAGES), ODOO_INIT_TIMEOUT_MS: '60000', INSTANCE_NETWORK: network,
      INSTANCE_DB_ADMIN_URL: testInstanceAdminUrl, INSTANCE_PLANS: JSON.stringify({ starter: { memoryMb: 128, cpus: 0.5 } }),
      INSTANCE_HEALTH_TIMEOUT_MS: '10000', INSTANCE_HEALTH_POLL_MS: '50', INSTANCE_STOP_TIMEOUT_SECONDS: '0',
      INSTANCE_HEALTH_INTERVAL_MS: '250', INSTANCE_URL_SCHEME: 'http', BASE_DOMAIN: 'test.localhost',
      SAGA_SCHEMA: sagaSchema, SAGA_POLL_INTERVAL_MS: '100', SAGA_RETRY_BASE_MS: '50',
      BACKUP_FS_ROOT: backupRoot, BACKUP_SCHEDULER_ENABLED: 'false',
    });
    kit = identityKit(platform);
    owner = await signUp(platform.url);
    docker = createTestDocker();
  });
  afterAll(async () => {
    await kit?.close();
    await platform?.stop();
    // The platform's containers carry no test labels: remove exactly what this suite created.
    for (const id of created) {
      await docker.getContainer(`odoo-${id}`).remove({ force: true }).catch(() => undefined);
      await docker.getVolume(`odoo-${id}-data`).remove().catch(() => undefined);
    }
    if (docker) await removeTenantNetworks(docker, network);
    const admin = createPostgresAdmin(testInstanceAdminUrl);
    for (const id of created) {
      await admin.dropDatabase(instanceDatabaseName(id)).catch(() => undefined);
      await admin.dropRole(instanceDatabaseName(id)).catch(() => undefined);
    }
    await admin.close();
    const pool = createTestPool(1);
    await dropSchema(pool, sagaSchema);
    await pool.end();
    await rm(backupRoot, { recursive: true, force: true });
  });

  it('shows the actual state and the health as crashed, with the exit code, once the container is killed', async () => {
    const tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Crashing Co' }, owner.auth)).body.tenantId;
    const requested = await kit.call('POST', '/api/v1/instances',
      { tenantId, name: 'Crashing ERP', subdomain: `crash${process.pid}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
    expect(requested.status).toBe(202);
    const { instanceId } = requested.body;
    created.push(instanceId);

    const running = await statusUntil(instanceId, (r) => r.body?.desired?.status === 'running' || r.body?.desired?.status === 'failed', 30_000);
    expect(running.body).toMatchObject({
      desired: { status: 'running', pendingOperation: null }, actual: { running: true }, health: { status: 'healthy' },
    });

    await docker.getContainer(`odoo-${instanceId}`).kill();

    const crashed = await statusUntil(instanceId, (r) => r.body?.health?.status === 'crashed' && r.body?.actual?.running === false, 15_000);
    expect(crashed.status).toBe(200);
    expect(crashed.body).toMatchObject({
      instanceId,
      desired: { status: 'running' },
      actual: { container: 'exited', running: false, exitCode: 137, oomKilled: false },
      health: { status: 'crashed', detail: expect.stringContaining('137') },
    });
  });
});
