import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import type pg from 'pg';
import { createBackupVolumes } from '../../../src/adapters/docker/createBackupVolumes';
import { createDockerAdapter } from '../../../src/adapters/docker/createDockerAdapter';
import type { DockerEngine } from '../../../src/ports/dockerEngine';
import type { DockerAdapterSettings } from '../../../src/adapters/docker/instanceContainerSpec';
import { createPostgresCommandLog, migrateCommandLog } from '../../../src/adapters/commandLog/createPostgresCommandLog';
import type { EventStore, RecordedEvent } from '../../../src/ports/eventStore';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { createKysely } from '../../../src/adapters/postgres/createKysely';
import { createPostgresAdmin } from '../../../src/adapters/postgresAdmin/createPostgresAdmin';
import type { PostgresAdmin } from '../../../src/ports/postgresAdmin';
import { createRestoreDatabaseAdmin } from '../../../src/adapters/postgresAdmin/createRestoreDatabaseAdmin';
import type { RestoreDatabaseAdmin } from '../../../src/ports/restoreDatabaseAdmin';
import type { BackupStorage } from '../../../src/ports/backupStorage';
import { createFsBackupStorage } from '../../../src/adapters/storage/createFsBackupStorage';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../../src/commands/handleCommand';
import { parseInstancePlans } from '../../../src/domain/instance/instancePlanCatalogue';
import type { ProjectionDb } from '../../../src/projections/runtime/projection';
import type { InstanceRouter } from '../../../src/ports/instanceRouter';
import { instanceDatabaseName } from '../../../src/sagas/instances/instanceDatabaseName';
import { startBackupSagaWorker } from '../../../src/wiring/startBackupSagaWorker';
import { startInstanceSagaWorker, type InstanceSagaWorker } from '../../../src/wiring/startInstanceSagaWorker';
import type { SagaWorker } from '../../../src/wiring/startSagaWorker';
import { createTestDocker, ODOO_DOUBLE_IMAGES, testDockerSettings } from '../../support/docker';
import { createOdooRpc } from '../../../src/adapters/odoo/createOdooRpc';
import type { OdooRpc } from '../../../src/ports/odooRpc';
import type { OdooImageCatalogue } from '../../../src/domain/instance/odooVersions';
import { testInstanceAdminUrl } from '../../support/instancesDb';
import { createTestPool, uniqueSchemaName } from '../../support/postgres';

/** Names a test world lives under; passed to child worker processes as JSON. */
export interface SagaWorldNames {
  suite: string;
  eventStoreSchema: string;
  readModelSchema: string;
  sagaSchema: string;
  secretsKey: string;
  /** Fixed by the parent: the suite's settings carry its pid, and a child worker must create the
   * very same containers, not ones that differ by a label. */
  docker: DockerAdapterSettings;
}

/** How long a test instance may take to answer /web/health: an Odoo double answers within seconds,
 * but not on two cores shared with another suite's twenty provisionings. */
export const testHealthTimeoutMs = 30_000;

export function newSagaWorldNames(suite: string): SagaWorldNames {
  return {
    suite,
    eventStoreSchema: uniqueSchemaName('es'),
    readModelSchema: uniqueSchemaName('rm'),
    sagaSchema: uniqueSchemaName('sg'),
    secretsKey: randomBytes(32).toString('base64'),
    docker: testDockerSettings(suite, { healthTimeoutMs: testHealthTimeoutMs, image: ODOO_DOUBLE_IMAGES['17.0'] }),
  };
}

const consoleLogger = {
  info: (details: object, message: string) => console.log(message, JSON.stringify(details)),
  warn: (details: object, message: string) => console.warn(message, JSON.stringify(details)),
  error: (details: object, message: string) => console.error(message, details),
};

export const testPlans = parseInstancePlans(JSON.stringify({
  starter: { memoryMb: 96, cpus: 0.5 }, business: { memoryMb: 192, cpus: 1 }, enterprise: { memoryMb: 256, cpus: 1.5 },
}));

export interface SagaWorld {
  names: SagaWorldNames;
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  handleCommand: HandleCommand;
  docker: Docker;
  adapter: DockerEngine;
  postgresAdmin: PostgresAdmin;
  startWorker(options?: { faultInjectStep?: string; router?: InstanceRouter | null; containerEnv?: Record<string, string>; odooImages?: OdooImageCatalogue }): Promise<InstanceSagaWorker>;
  /** The backup and restore sagas beside the instance ones, as the platform's worker runs them (the
   * delete saga's final backup needs them), on fs storage in a temp dir of this world. */
  startBackupSagaWorker(options?: { faultInjectStep?: string }): Promise<SagaWorker>;
  /** That storage and its root directory (created on first use, removed by close). */
  backupStorage(): Promise<{ root: string; storage: BackupStorage }>;
  /** Asks for an instance; returns its id. */
  provision(overrides?: Record<string, unknown>): Promise<{ instanceId: string; subdomain: string; tenantId: string }>;
  /** Polls the instance stream until an event of one of `types` appears. */
  waitForInstanceEvent(instanceId: string, types: string[], timeoutMs?: number): Promise<RecordedEvent>;
  /** Stops every worker this world started; a spec calls it after each test, so a test that failed
   * before its own `worker.stop()` leaves no worker behind to take the next test's sagas. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

/** Store, pipeline, real Docker (stand-in image, suite labels) and the real instances cluster as
 * the non-superuser platform_admin: everything a saga touches, nothing mocked. */
export async function createSagaWorld(names: SagaWorldNames): Promise<SagaWorld> {
  const pool = createTestPool(20);
  const db = createKysely(pool) as ProjectionDb;
  await migrateEventStore(pool, names.eventStoreSchema);
  await migrateCommandLog(pool, names.eventStoreSchema);
  const store = createPostgresEventStore({ pool, schema: names.eventStoreSchema, pollIntervalMs: 100 });
  const handleCommand = createCommandPipeline({
    store, commandLog: createPostgresCommandLog(pool, names.eventStoreSchema), handlers: commandHandlers, conflictRetries: 5,
  });
  const docker = createTestDocker();
  const adapter = createDockerAdapter(docker, names.docker);
  const postgresAdmin = createPostgresAdmin(testInstanceAdminUrl);
  const workers: InstanceSagaWorker[] = [];
  const provisioned: string[] = [];
  let backupSide: Promise<{ root: string; storage: BackupStorage; databases: RestoreDatabaseAdmin }> | null = null;
  const backupSideOnce = () => backupSide ??= mkdtemp(path.join(tmpdir(), 'saga-backups-'))
    .then((root) => ({ root, storage: createFsBackupStorage(root), databases: createRestoreDatabaseAdmin(testInstanceAdminUrl) }));

  const world: SagaWorld = {
    names, pool, db, store, handleCommand, docker, adapter, postgresAdmin,
    async startWorker(options = {}) {
      const worker = await startInstanceSagaWorker({
        pool, db, store, readModelSchema: names.readModelSchema, sagaSchema: names.sagaSchema,
        secretsKey: Buffer.from(names.secretsKey, 'base64'),
        deps: {
          docker: adapter, postgresAdmin, router: options.router ?? null, handleCommand, plans: testPlans,
          baseDomain: 'test.localhost', urlScheme: 'http', healthTimeoutMs: testHealthTimeoutMs,
          odooImages: options.odooImages ?? ODOO_DOUBLE_IMAGES, odooInitTimeoutMs: 60_000, odoo: odooOf(adapter),
          ...(options.containerEnv ? { containerEnv: options.containerEnv } : {}),
        },
        runtime: { maxAttempts: 3, retryBaseMs: 50, pauseMs: 500, ...(options.faultInjectStep ? { faultInjectStep: options.faultInjectStep } : {}) },
        concurrency: 8, pollIntervalMs: 100,
        ...(process.env.SAGA_TEST_LOG ? { logger: consoleLogger } : {}),
      });
      workers.push(worker);
      return worker;
    },
    async startBackupSagaWorker(options = {}) {
      const { storage, databases } = await backupSideOnce();
      const worker = await startBackupSagaWorker({
        pool, db, store, readModelSchema: names.readModelSchema, sagaSchema: names.sagaSchema,
        secretsKey: Buffer.from(names.secretsKey, 'base64'),
        deps: {
          handleCommand, docker: adapter, volumes: createBackupVolumes(docker, names.docker), postgresAdmin, databases, storage,
          plans: testPlans, odooImages: ODOO_DOUBLE_IMAGES, healthTimeoutMs: testHealthTimeoutMs, archiveTimeoutMs: 120_000,
        },
        runtime: { maxAttempts: 2, retryBaseMs: 50, pauseMs: 500, ...(options.faultInjectStep ? { faultInjectStep: options.faultInjectStep } : {}) },
        concurrency: 4, pollIntervalMs: 100,
        ...(process.env.SAGA_TEST_LOG ? { logger: consoleLogger } : {}),
      });
      workers.push(worker);
      return worker;
    },
    async backupStorage() {
      const { root, storage } = await backupSideOnce();
      return { root, storage };
    },
    async provision(overrides = {}) {
      const tenantId = randomUUID();
      const subdomain = `t${randomBytes(6).toString('hex')}`;
      const result = await handleCommand({
        type: 'ProvisionInstance',
        data: { tenantId, name: 'Test shop', subdomain, plan: 'starter', adminEmail: 'admin@example.com', ...overrides },
        metadata: { commandId: randomUUID(), actor: 'user-test', correlationId: randomUUID(), tenantId },
      });
      const instanceId = result.streamName.slice('instance-'.length);
      provisioned.push(instanceId);
      return { instanceId, subdomain: (overrides.subdomain as string | undefined) ?? subdomain, tenantId };
    },
    // Generous: on two cores an Odoo init (600,000 PBKDF2 rounds) competes with the other suites.
    async waitForInstanceEvent(instanceId, types, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = await store.readStream(`instance-${instanceId}`);
        const found = events.find((event) => types.includes(event.type));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${types.join('/')} on instance ${instanceId} within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stopWorkers() {
      const started = workers.splice(0);
      await Promise.all(started.map((worker) => worker.stop()));
    },
    async close() {
      await world.stopWorkers();
      await store.close();
      if (backupSide) {
        const { root, databases } = await backupSide;
        await databases.close();
        await rm(root, { recursive: true, force: true });
      }
      // Instances the suite left running keep their database and role on the shared instances cluster.
      for (const instanceId of provisioned) {
        const name = instanceDatabaseName(instanceId);
        await postgresAdmin.dropDatabase(name).catch(() => undefined);
        await postgresAdmin.dropRole(name).catch(() => undefined);
      }
      await postgresAdmin.close();
      for (const schema of [names.eventStoreSchema, names.readModelSchema, names.sagaSchema]) {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
      await db.destroy();
    },
  };
  return world;
}

/** XML-RPC to an instance's Odoo at the address the platform reaches it by (as the wiring does). */
export function odooOf(adapter: DockerEngine): (instanceId: string) => Promise<OdooRpc> {
  return async (instanceId) => createOdooRpc(await adapter.odooHttp(instanceId));
}
