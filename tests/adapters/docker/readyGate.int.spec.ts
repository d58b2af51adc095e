import type Docker from 'dockerode';
import { createDockerAdapter } from '../../../src/adapters/docker/createDockerAdapter';
import type { DockerEngine } from '../../../src/ports/dockerEngine';
import { createPostgresAdmin } from '../../../src/adapters/postgresAdmin/createPostgresAdmin';
import type { PostgresAdmin } from '../../../src/ports/postgresAdmin';
import { createTestDocker, ODOO_DOUBLE_IMAGES, removeTestDockerResources, testDockerSettings, testInstanceSpec } from '../../support/docker';
import { testInstanceAdminUrl, testInstanceDbName } from '../../support/instancesDb';

// The container's Docker health check (what Traefik routes on) stays unhealthy until the platform
// puts its ready mark, however well Odoo answers: an instance is never routed before its admin/admin
// is replaced (docs/decisions/032).
const suite = 'readygate';
let docker: Docker;
let adapter: DockerEngine;
let admin: PostgresAdmin;
const role = testInstanceDbName();

beforeAll(async () => {
  admin = createPostgresAdmin(testInstanceAdminUrl);
  // The image's entrypoint waits for its database before it serves anything, as the official one does.
  await admin.ensureRole(role, 'gate-Secret-1', `test:${role}`);
  await admin.ensureDatabase(role, role, `test:${role}`);
  docker = createTestDocker();
  await removeTestDockerResources(docker, suite);
  adapter = createDockerAdapter(docker, testDockerSettings(suite, { image: ODOO_DOUBLE_IMAGES['17.0'] }));
});
afterAll(async () => {
  await removeTestDockerResources(docker, suite);
  await admin.dropDatabase(role);
  await admin.dropRole(role);
  await admin.close();
});

const healthOf = async (name: string) => (await docker.getContainer(name).inspect()).State.Health?.Status;
const healthUntil = async (name: string, wanted: string) => {
  for (const deadline = Date.now() + 20_000; ;) {
    const health = await healthOf(name);
    if (health === wanted) return health;
    if (Date.now() > deadline) return health;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

test('unhealthy without the mark, healthy once marked ready', async () => {
  // Odoo without a database to serve yet: /web/health answers all the same, as Odoo's does.
  const spec = testInstanceSpec({ image: ODOO_DOUBLE_IMAGES['17.0'], dbUser: role, dbPassword: 'gate-Secret-1', limits: { memoryBytes: 128 * 1024 * 1024, nanoCpus: 500_000_000 } });
  await adapter.ensureVolume(spec.instanceId, spec.tenantId);
  await adapter.ensureContainer(spec);
  await adapter.start(spec.instanceId);
  await adapter.waitForHealthy(spec.instanceId);
  const name = `odoo-${spec.instanceId}`;
  // Three failed checks 2 s apart: unhealthy, although /web/health answers.
  expect(await healthUntil(name, 'unhealthy')).toBe('unhealthy');
  await adapter.markReady(spec.instanceId);
  expect(await healthUntil(name, 'healthy')).toBe('healthy');
});
