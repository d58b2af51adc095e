// `npm run bench -- provision`: provisions (4 at a time) through the whole product path — POST
// /api/v1/instances (the ProvisionInstance command through the pipeline) → the provisioning saga →
// InstanceProvisioned in the instance's stream (polled every 20 ms) — against the same work done the
// plain way with the same concurrency: SQL for the role and database, the Docker engine API (a plain
// dockerode client on the socket; nothing from src/adapters) for the volume, Odoo's init container
// (`-d <db> -i base --stop-after-init --without-demo=all`), the config file and the long-running
// container, a health poll every 50 ms (as ours), and one XML-RPC call replacing admin/admin. Both run
// the Odoo contract double (no registry here). BENCH_PROVISION_ROUNDS rounds (≥ 3) of
// BENCH_PROVISIONS_PER_ROUND provisions per side, the order alternating (raw first, ours first, …),
// every side on an engine emptied of the other side's containers; per round each side's p50, then the
// medians. `init_p50_s` is Odoo's `-i base` alone (ours: the initialiseOdoo step's own timing).
import { execFileSync } from 'node:child_process';
import { pbkdf2, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import pg from 'pg';
import { instanceStream } from '../src/domain/instance/instanceStream';
import { instanceDatabaseName } from '../src/sagas/instances/instanceDatabaseName';
import { ODOO_DOUBLE_IMAGES, removeTenantNetworks, TEST_LABEL } from '../tests/support/docker';
import { testInstanceAdminUrl } from '../tests/support/instancesDb';
import { createTestPool, dropSchema, uniqueSchemaName } from '../tests/support/postgres';
import { signUp } from '../tests/support/signUp';
import { startTestPlatform, type TestPlatform } from '../tests/support/testPlatform';
import { percentile } from './support/percentile';
import { runConcurrently } from './support/runConcurrently';

const rounds = Math.max(3, Number(process.env.BENCH_PROVISION_ROUNDS ?? 3));
const perRound = Number(process.env.BENCH_PROVISIONS_PER_ROUND ?? 8);
const concurrency = 4;
const memoryMb = 128;
const cpus = 0.5;
const healthPollMs = 50;
const image = ODOO_DOUBLE_IMAGES['17.0'];
const rawLabel = 'platform.bench.raw';

export async function run(): Promise<void> {
  // The engine API itself, for both sides' set-up and clean-up and for the raw side's work.
  const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
  const sql = new pg.Pool({ connectionString: testInstanceAdminUrl, max: concurrency });
  const network = `pt_benchprovision_${process.pid}`;
  const rawNetwork = `pt_benchprovision_raw_${process.pid}`;
  const sagaSchema = uniqueSchemaName('sg');
  const backupRoot = await mkdtemp(path.join(tmpdir(), 'bench-provision-backups-'));
  const rawDatabases: string[] = [];
  const ourInstances: string[] = [];
  let platform: TestPlatform | null = null;
  const dropDatabases = async (names: string[]) => {
    for (const name of names) {
      await sql.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await sql.query(`DROP ROLE IF EXISTS "${name}"`).catch(() => undefined);
    }
  };
  const removeLabelled = async (label: string) => {
    const filters = JSON.stringify({ label: [label] });
    for (const c of await docker.listContainers({ all: true, filters })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    const { Volumes } = (await docker.listVolumes({ filters } as Docker.VolumeListOptions)) as { Volumes: Array<{ Name: string }> | null };
    for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
  };
  const removeOurs = async () => {
    for (const id of ourInstances.splice(0)) {
      await docker.getContainer(`odoo-${id}`).remove({ force: true }).catch(() => undefined);
      await docker.getVolume(`odoo-${id}-data`).remove().catch(() => undefined);
      await dropDatabases([instanceDatabaseName(id)]);
    }
  };
  const removeRaw = async () => {
    await removeLabelled(`${rawLabel}=${process.pid}`);
    await dropDatabases(rawDatabases.splice(0));
  };
  try {
    await removeRaw();
    platform = await startTestPlatform('all', {
      SAGAS_ENABLED: 'true', BACKUP_SCHEDULER_ENABLED: 'false',
      ODOO_IMAGES: JSON.stringify(ODOO_DOUBLE_IMAGES), INSTANCE_NETWORK: network,
      INSTANCE_DB_ADMIN_URL: testInstanceAdminUrl, INSTANCE_PLANS: JSON.stringify({ starter: { memoryMb, cpus } }),
      INSTANCE_HEALTH_TIMEOUT_MS: '20000', INSTANCE_HEALTH_POLL_MS: String(healthPollMs), INSTANCE_STOP_TIMEOUT_SECONDS: '0',
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
    await docker.createNetwork({ Name: rawNetwork, Labels: { [TEST_LABEL]: '1' } }).catch(() => undefined);

    let raw: number[] = [];
    const rawInit: number[] = [];
    let ours: number[] = [];
    const oursInit: number[] = [];
    let ourCount = 0;
    const rawHalf = async (count: number) => {
      await runConcurrently(count, concurrency, async () => {
        const id = randomBytes(8).toString('hex');
        const name = `inst_bench${id}`;
        rawDatabases.push(name);
        const dbPassword = randomBytes(18).toString('base64url');
        const started = process.hrtime.bigint();
        await rawDatabase(sql, name, dbPassword);
        const volume = `bench-raw-${id}`;
        const labels = { [TEST_LABEL]: '1', [rawLabel]: String(process.pid) };
        await docker.createVolume({ Name: volume, Labels: labels });
        const base: Docker.ContainerCreateOptions = {
          Image: image, Labels: labels,
          Env: ['HOST=host.docker.internal', 'PORT=5433', `USER=${name}`, `PASSWORD=${dbPassword}`],
          HostConfig: {
            Memory: memoryMb * 1024 * 1024, NanoCpus: cpus * 1e9, NetworkMode: rawNetwork, ExtraHosts: ['host.docker.internal:host-gateway'],
            Mounts: [{ Type: 'volume', Source: volume, Target: '/var/lib/odoo' }],
          },
        };
        const initStarted = process.hrtime.bigint();
        const init = await docker.createContainer({ ...base, Cmd: ['-d', name, '-i', 'base', '--stop-after-init', '--without-demo=all'] });
        await init.start();
        const { StatusCode } = (await init.wait()) as { StatusCode: number };
        await init.remove({ force: true });
        if (StatusCode !== 0) throw new Error(`raw init exited ${StatusCode}`);
        rawInit.push(Number(process.hrtime.bigint() - initStarted) / 1e9);
        const container = await docker.createContainer({ ...base, HostConfig: { ...base.HostConfig, RestartPolicy: { Name: 'unless-stopped' } } });
        await container.putArchive(configTar(name, await masterPasswordHash()), { path: '/etc/odoo' });
        await container.start();
        const address = (await container.inspect()).NetworkSettings.Networks[rawNetwork]!.IPAddress;
        for (const deadline = Date.now() + 20_000; ;) {
          const ok = await fetch(`http://${address}:8069/web/health`).then((r) => r.ok, () => false);
          if (ok) break;
          if (Date.now() > deadline) throw new Error('raw instance not healthy in time');
          await new Promise((resolve) => setTimeout(resolve, healthPollMs));
        }
        await replaceAdmin(`http://${address}:8069`, name, 'bench@example.test', randomBytes(18).toString('base64url'));
        raw.push(Number(process.hrtime.bigint() - started) / 1e9);
      });
      await removeRaw();
    };
    const ourHalf = async (count: number) => {
      await runConcurrently(count, concurrency, async () => {
        const index = ourCount;
        ourCount += 1;
        const started = process.hrtime.bigint();
        const requested = await call('POST', '/api/v1/instances', {
          tenantId, name: `Bench ${index}`, subdomain: `bench${index}p${process.pid}${randomBytes(2).toString('hex')}`, plan: 'starter', adminEmail: owner.email,
        });
        if (requested.status !== 202) throw new Error(`provision: ${requested.status} ${JSON.stringify(requested.body)}`);
        const instanceId = requested.body.instanceId as string;
        ourInstances.push(instanceId);
        // The saga's end: InstanceProvisioned (or the failure) in the instance's own stream, one
        // indexed read every 20 ms (finer than any saga step).
        for (const deadline = Date.now() + 120_000; ;) {
          const { rows: found } = await platformPool.query<{ type: string; data: unknown }>(
            `SELECT type, data FROM "${platform!.config.EVENTSTORE_SCHEMA}".events WHERE stream_name = $1 AND type IN ('InstanceProvisioned', 'InstanceProvisioningFailed')`,
            [instanceStream(instanceId)]);
          if (found.some((row) => row.type === 'InstanceProvisioned')) break;
          if (found[0]) throw new Error(`provisioning failed: ${JSON.stringify(found[0].data)}`);
          if (Date.now() > deadline) throw new Error(`instance ${instanceId} not provisioned in time`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        ours.push(Number(process.hrtime.bigint() - started) / 1e9);
        const { rows } = await platformPool.query<{ data: { output: { elapsedMs: number } } }>(
          `SELECT data FROM "${platform!.config.EVENTSTORE_SCHEMA}".events WHERE stream_name = $1 AND type = 'SagaStepCompleted' AND data->>'step' = 'initialiseOdoo'`,
          [`saga-provisionInstance-${instanceId}`]);
        if (rows[0]) oursInit.push(rows[0].data.output.elapsedMs / 1000);
      });
      await removeOurs();
    };
    const platformPool = createTestPool(2);
    const rawRounds: number[] = [];
    const ourRounds: number[] = [];
    const ratios: number[] = [];
    const allOurs: number[] = [];
    try {
      for (let round = 0; round < rounds; round += 1) {
        raw = [];
        ours = [];
        if (round % 2 === 0) {
          await rawHalf(perRound);
          await ourHalf(perRound);
        } else {
          await ourHalf(perRound);
          await rawHalf(perRound);
        }
        const rawP50 = percentile(raw, 50);
        const ourP50 = percentile(ours, 50);
        rawRounds.push(rawP50);
        ourRounds.push(ourP50);
        ratios.push(ourP50 / rawP50);
        allOurs.push(...ours);
        console.log(`round ${round + 1} (${round % 2 === 0 ? 'raw first' : 'ours first'}): raw p50 ${rawP50.toFixed(2)} s, ours p50 ${ourP50.toFixed(2)} s, ratio ${(ourP50 / rawP50).toFixed(2)}`);
      }
    } finally {
      await platformPool.end();
    }

    const p50 = percentile(ourRounds, 50);
    const rawP50 = percentile(rawRounds, 50);
    console.log(`raw (SQL + engine API + XML-RPC): median of round p50s ${rawP50.toFixed(2)} s, init p50 ${percentile(rawInit, 50).toFixed(2)} s`);
    console.log(`ours (HTTP → pipeline → saga worker → InstanceProvisioned): median of round p50s ${p50.toFixed(2)} s, p99 ${percentile(allOurs, 99).toFixed(2)} s, init p50 ${percentile(oursInit, 50).toFixed(2)} s`);
    console.log(`RESULT provision overhead_ratio=${percentile(ratios, 50).toFixed(2)} p50_s=${p50.toFixed(2)} raw_p50_s=${rawP50.toFixed(2)} p99_s=${percentile(allOurs, 99).toFixed(2)} rounds=${rounds} per_round=${perRound} init_p50_s=${percentile(oursInit, 50).toFixed(2)} raw_init_p50_s=${percentile(rawInit, 50).toFixed(2)}`);
  } finally {
    await platform?.stop().catch((error: unknown) => console.error('platform stop failed', error));
    await removeRaw();
    await removeOurs();
    await removeTenantNetworks(docker, network);
    await docker.getNetwork(rawNetwork).remove().catch(() => undefined);
    await sql.end().catch(() => undefined);
    const pool = createTestPool(1);
    await dropSchema(pool, sagaSchema).catch(() => undefined);
    await pool.end();
    await rm(backupRoot, { recursive: true, force: true });
  }
}

/** A role with a password and its own database, as an operator would type it (the admin is not superuser). */
async function rawDatabase(sql: pg.Pool, name: string, password: string): Promise<void> {
  await sql.query(`CREATE ROLE "${name}" LOGIN PASSWORD '${password}'`);
  await sql.query(`GRANT "${name}" TO CURRENT_USER`);
  await sql.query(`CREATE DATABASE "${name}" OWNER "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`);
  await sql.query(`REVOKE ALL ON DATABASE "${name}" FROM PUBLIC`);
}

/** A random master password hashed as Odoo stores one (passlib pbkdf2-sha512, 600,000 rounds). */
async function masterPasswordHash(): Promise<string> {
  const salt = randomBytes(16);
  const hash = await promisify(pbkdf2)(randomBytes(24).toString('base64url'), salt, 600_000, 64, 'sha512');
  const ab64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '').replace(/\+/g, '.');
  return `$pbkdf2-sha512$600000$${ab64(salt)}$${ab64(hash)}`;
}

/** The same locked-down config ours writes, packed by tar(1) for putArchive, as an operator would. */
function configTar(database: string, adminPasswd: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-odoo-conf-'));
  try {
    writeFileSync(path.join(dir, 'odoo.conf'), ['[options]', 'data_dir = /var/lib/odoo', 'addons_path = /mnt/extra-addons', `db_name = ${database}`,
      `dbfilter = ^${database}$`, 'list_db = False', 'proxy_mode = True', `admin_passwd = ${adminPasswd}`, 'workers = 0', ''].join('\n'));
    return execFileSync('tar', ['-C', dir, '--owner=0', '--group=0', '--mode=0444', '-cf', '-', 'odoo.conf']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** admin/admin → the customer's login and a new password, over plain XML-RPC. */
async function replaceAdmin(baseUrl: string, database: string, login: string, password: string): Promise<void> {
  const rpc = async (service: string, body: string) => (await fetch(`${baseUrl}/xmlrpc/2/${service}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })).text();
  const s = (value: string) => `<value><string>${value}</string></value>`;
  const uidXml = await rpc('common', `<?xml version="1.0"?><methodCall><methodName>authenticate</methodName><params><param>${s(database)}</param><param>${s('admin')}</param><param>${s('admin')}</param><param><value><struct></struct></value></param></params></methodCall>`);
  const uid = /<(?:int|i4)>(\d+)<\/(?:int|i4)>/.exec(uidXml)?.[1];
  if (!uid) throw new Error('raw: admin/admin did not sign in');
  const written = await rpc('object', `<?xml version="1.0"?><methodCall><methodName>execute_kw</methodName><params><param>${s(database)}</param><param><value><int>${uid}</int></value></param><param>${s('admin')}</param><param>${s('res.users')}</param><param>${s('write')}</param><param><value><array><data><value><array><data><value><int>${uid}</int></value></data></array></value><value><struct><member><name>login</name>${s(login)}</member><member><name>password</name>${s(password)}</member></struct></value></data></array></value></param><param><value><struct></struct></value></param></params></methodCall>`);
  if (written.includes('<fault>')) throw new Error('raw: writing the admin failed');
}
