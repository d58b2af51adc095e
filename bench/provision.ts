// `npm run bench -- provision`: 20 provisions (4 at a time) through the HTTP API to running (POST
// /api/v1/instances, then GET /api/v1/instances/{id} until the platform says running and healthy),
// against the same raw steps done directly (role + database, volume, container create + start, health
// wait) with the same concurrency, on the real engine with the stand-in image. Each side runs in two
// halves, in alternating order (raw, ours, ours, raw), and every half starts from an engine emptied of
// the other side's containers, so neither warm-up, drift nor the other's leftovers favour one side.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDockerAdapter } from '../src/adapters/docker/createDockerAdapter';
import { createPostgresAdmin } from '../src/adapters/postgresAdmin/createPostgresAdmin';
import { instanceDatabaseName } from '../src/sagas/instances/instanceDatabaseName';
import { createTestDocker, removeTestDockerResources, STANDIN_IMAGE, testDockerSettings, testInstanceSpec } from '../tests/support/docker';
import { testInstanceAdminUrl } from '../tests/support/instancesDb';
import { createTestPool, dropSchema, uniqueSchemaName } from '../tests/support/postgres';
import { signUp } from '../tests/support/signUp';
import { startTestPlatform, type TestPlatform } from '../tests/support/testPlatform';
import { percentile } from './support/percentile';
import { runConcurrently } from './support/runConcurrently';

const total = Number(process.env.BENCH_PROVISIONS ?? 20);
const concurrency = 4;
const memoryMb = 96;
const cpus = 0.5;
const healthPollMs = 50;

export async function run(): Promise<void> {
  const docker = createTestDocker();
  const postgresAdmin = createPostgresAdmin(testInstanceAdminUrl);
  const suite = 'benchprovision';
  const adapter = createDockerAdapter(docker, testDockerSettings(suite, { healthTimeoutMs: 10_000, healthPollMs }));
  const network = `pt_benchprovision_api_${process.pid}`;
  const sagaSchema = uniqueSchemaName('sg');
  const backupRoot = await mkdtemp(path.join(tmpdir(), 'bench-provision-backups-'));
  const rawDatabases: string[] = [];
  const ourInstances: string[] = [];
  let platform: TestPlatform | null = null;
  const dropDatabases = async (names: string[]) => {
    for (const name of names) {
      await postgresAdmin.dropDatabase(name).catch(() => undefined);
      await postgresAdmin.dropRole(name).catch(() => undefined);
    }
  };
  // The platform's containers carry no test labels: remove exactly what it created. Out of band, so
  // the platform sees them crash (a few events) rather than running delete sagas during the next half.
  const removeOurs = async () => {
    for (const id of ourInstances.splice(0)) {
      await docker.getContainer(`odoo-${id}`).remove({ force: true }).catch(() => undefined);
      await docker.getVolume(`odoo-${id}-data`).remove().catch(() => undefined);
      await dropDatabases([instanceDatabaseName(id)]);
    }
  };
  const removeRaw = async () => {
    await removeTestDockerResources(docker, suite);
    await dropDatabases(rawDatabases.splice(0));
  };
  try {
    await removeRaw();
    const [image, tag] = STANDIN_IMAGE.split(':');
    platform = await startTestPlatform('all', {
      SAGAS_ENABLED: 'true', BACKUP_SCHEDULER_ENABLED: 'false',
      INSTANCE_IMAGE: image!, INSTANCE_IMAGE_TAG: tag ?? 'latest', INSTANCE_NETWORK: network,
      INSTANCE_DB_ADMIN_URL: testInstanceAdminUrl, INSTANCE_PLANS: JSON.stringify({ starter: { memoryMb, cpus } }),
      INSTANCE_HEALTH_TIMEOUT_MS: '10000', INSTANCE_HEALTH_POLL_MS: String(healthPollMs), INSTANCE_STOP_TIMEOUT_SECONDS: '0',
      INSTANCE_URL_SCHEME: 'http', BASE_DOMAIN: 'test.localhost', SAGA_SCHEMA: sagaSchema, BACKUP_FS_ROOT: backupRoot,
    });
    const baseUrl = platform.url;
    const owner = await signUp(baseUrl);
    const call = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${baseUrl}${route}`, {
        method, headers: { ...owner.auth, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { status: response.status, body: (await response.json()) as any };
    };
    const tenant = await call('POST', '/api/v1/tenants', { name: 'Bench Co' });
    if (tenant.status !== 202 && tenant.status !== 201) throw new Error(`tenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
    const tenantId = tenant.body.tenantId as string;

    const raw: number[] = [];
    const ours: number[] = [];
    const rawHalf = async (count: number) => {
      await adapter.ensureNetwork();
      await runConcurrently(count, concurrency, async () => {
        const spec = testInstanceSpec({ limits: { memoryBytes: memoryMb * 1024 * 1024, nanoCpus: cpus * 1e9 } });
        const name = instanceDatabaseName(spec.instanceId);
        rawDatabases.push(name);
        const started = process.hrtime.bigint();
        await postgresAdmin.ensureRole(name, randomBytes(18).toString("base64url"), `bench:${name}`);
        await postgresAdmin.ensureDatabase(name, name, `bench:${name}`);
        await adapter.ensureVolume(spec.instanceId, spec.tenantId);
        await adapter.ensureContainer({ ...spec, dbUser: name });
        await adapter.start(spec.instanceId);
        await adapter.waitForHealthy(spec.instanceId);
        raw.push(Number(process.hrtime.bigint() - started) / 1e9);
      });
      await removeRaw();
    };
    const ourHalf = async (count: number) => {
      await runConcurrently(count, concurrency, async () => {
        const index = ours.length + ourInstances.length;
        const started = process.hrtime.bigint();
        const requested = await call('POST', '/api/v1/instances', {
          tenantId, name: `Bench ${index}`, subdomain: `bench${index}p${process.pid}${randomBytes(2).toString('hex')}`, plan: 'starter', adminEmail: owner.email,
        });
        if (requested.status !== 202) throw new Error(`provision: ${requested.status} ${JSON.stringify(requested.body)}`);
        const instanceId = requested.body.instanceId as string;
        ourInstances.push(instanceId);
        for (const deadline = Date.now() + 120_000; ;) {
          // The instance resource, not /status: /status also inspects the container, and four clients
          // polling it would load the engine the provisions run on.
          const { body } = await call('GET', `/api/v1/instances/${instanceId}`);
          if (body?.status === 'running' && body?.health === 'healthy') break;
          if (body?.status === 'failed') throw new Error(`provisioning failed: ${JSON.stringify(body)}`);
          if (Date.now() > deadline) throw new Error(`instance ${instanceId} not running in time: ${JSON.stringify(body)}`);
          await new Promise((resolve) => setTimeout(resolve, healthPollMs));
        }
        ours.push(Number(process.hrtime.bigint() - started) / 1e9);
      });
      await removeOurs();
    };
    const half = Math.ceil(total / 2);
    await rawHalf(half);
    await ourHalf(half);
    await ourHalf(total - half);
    await rawHalf(total - half);

    const p50 = percentile(ours, 50);
    const rawP50 = percentile(raw, 50);
    console.log(`raw: p50 ${rawP50.toFixed(2)} s, p99 ${percentile(raw, 99).toFixed(2)} s`);
    console.log(`ours (HTTP → pipeline → saga worker → read model): p50 ${p50.toFixed(2)} s, p99 ${percentile(ours, 99).toFixed(2)} s`);
    console.log(`RESULT provision overhead_ratio=${(p50 / rawP50).toFixed(2)} p50_s=${p50.toFixed(2)} p99_s=${percentile(ours, 99).toFixed(2)} raw_p50_s=${rawP50.toFixed(2)}`);
  } finally {
    await platform?.stop().catch((error: unknown) => console.error('platform stop failed', error));
    await removeRaw();
    await removeOurs();
    await docker.getNetwork(network).remove().catch(() => undefined);
    await postgresAdmin.close().catch(() => undefined);
    const pool = createTestPool(1);
    await dropSchema(pool, sagaSchema).catch(() => undefined);
    await pool.end();
    await rm(backupRoot, { recursive: true, force: true });
  }
}
