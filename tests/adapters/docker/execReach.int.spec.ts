import type Docker from 'dockerode';
import { createDockerAdapter } from '../../../src/adapters/docker/createDockerAdapter';
import { HealthTimeoutError } from '../../../src/ports/dockerEngineErrors';
import { execHttp } from '../../../src/adapters/docker/execHttp';
import { createOdooRpc } from '../../../src/adapters/odoo/createOdooRpc';
import { createPostgresAdmin } from '../../../src/adapters/postgresAdmin/createPostgresAdmin';
import type { PostgresAdmin } from '../../../src/ports/postgresAdmin';
import { createTestDocker, ODOO_DOUBLE_IMAGES, removeTestDockerResources, testDockerSettings, testInstanceSpec } from '../../support/docker';
import { testInstanceAdminUrl, testInstanceDbName } from '../../support/instancesDb';

// Issue 13 finding 13: the worker holding the Docker socket joins no tenant network. With
// healthAddress 'exec' it reaches Odoo by curl inside the container, through the Docker API: shown
// here on a container no network reaches at all.
const suite = 'execreach';
let docker: Docker;
let admin: PostgresAdmin;
const role = testInstanceDbName();

beforeAll(async () => {
  admin = createPostgresAdmin(testInstanceAdminUrl);
  await admin.ensureRole(role, 'reach-Secret-1', `test:${role}`);
  await admin.ensureDatabase(role, role, `test:${role}`);
  docker = createTestDocker();
  await removeTestDockerResources(docker, suite);
});
afterAll(async () => {
  await removeTestDockerResources(docker, suite);
  await admin.dropDatabase(role);
  await admin.dropRole(role);
  await admin.close();
});

test('health and XML-RPC through the container itself, with no network path to it; the request body leaves no file', async () => {
  const settings = testDockerSettings(suite, { image: ODOO_DOUBLE_IMAGES['17.0'] });
  const overNetwork = createDockerAdapter(docker, settings);
  const overExec = createDockerAdapter(docker, { ...settings, healthAddress: 'exec' });
  const spec = testInstanceSpec({ image: ODOO_DOUBLE_IMAGES['17.0'], dbUser: role, dbPassword: 'reach-Secret-1', limits: { memoryBytes: 128 * 1024 * 1024, nanoCpus: 500_000_000 } });
  await overNetwork.ensureVolume(spec.instanceId, spec.tenantId);
  await overNetwork.ensureContainer(spec);
  await overNetwork.start(spec.instanceId);
  await overNetwork.waitForHealthy(spec.instanceId);

  const name = `odoo-${spec.instanceId}`;
  const { NetworkSettings } = await docker.getContainer(name).inspect();
  for (const network of Object.keys(NetworkSettings.Networks)) await docker.getNetwork(network).disconnect({ Container: name, Force: true });

  await expect(overNetwork.waitForHealthy(spec.instanceId, { timeoutMs: 1500 })).rejects.toBeInstanceOf(HealthTimeoutError);
  expect(await overExec.waitForHealthy(spec.instanceId)).toMatchObject({ url: null });
  const odoo = createOdooRpc(await overExec.odooHttp(spec.instanceId));
  expect(await odoo.version()).toEqual({ serverVersion: '17.0' });
  // An unknown path is a status, not an error.
  expect((await execHttp(docker, name, settings.httpPort, { method: 'GET', path: '/no/such/page', timeoutMs: 5000 })).status).toBe(404);

  const leftovers = await docker.getContainer(name).exec({ Cmd: ['sh', '-c', 'ls /tmp | grep -c platform-request- || true'], AttachStdout: true, User: 'root' });
  const stream = await leftovers.start({ hijack: true, stdin: false });
  let output = '';
  stream.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  await new Promise((resolve) => stream.on('end', resolve));
  expect(output.replace(/[^\d]/g, '')).toBe('0');
});
