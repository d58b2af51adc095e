import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { createBackupVolumes } from '../../../src/adapters/docker/createBackupVolumes';
import type { BackupVolumes } from '../../../src/ports/backupVolumes';
import { decryptSecret } from '../../../src/adapters/identity/encryptSecret';
import { createRestoreDatabaseAdmin } from '../../../src/adapters/postgresAdmin/createRestoreDatabaseAdmin';
import type { RestoreDatabaseAdmin } from '../../../src/ports/restoreDatabaseAdmin';
import type { BackupStorage } from '../../../src/ports/backupStorage';
import { createFsBackupStorage } from '../../../src/adapters/storage/createFsBackupStorage';
import { createS3BackupStorage } from '../../../src/adapters/storage/createS3BackupStorage';
import { instanceSecretReference } from '../../../src/sagas/instances/instanceDatabaseName';
import { startBackupSagaWorker } from '../../../src/wiring/startBackupSagaWorker';
import { execInContainer, ODOO_DOUBLE_IMAGES, testDockerSettings } from '../../support/docker';
import { connectAsInstanceRole, testInstanceAdminUrl } from '../../support/instancesDb';
import { startS3rver } from '../../adapters/storage/startS3rver';
import { createSagaWorld, newSagaWorldNames, testHealthTimeoutMs, testPlans, type SagaWorld } from '../support/sagaTestWorld';

export interface BackupWorld extends SagaWorld {
  storage: BackupStorage;
  storageRoot: string | null;
  databases: RestoreDatabaseAdmin;
  volumes: BackupVolumes;
  startBackupWorker(options?: { faultInjectStep?: string }): Promise<{ stop(): Promise<void> }>;
  /** A provisioned, running instance. */
  runningInstance(): Promise<{ instanceId: string; tenantId: string }>;
  instancePassword(instanceId: string): Promise<string>;
  query(instanceId: string, role: string, sql: string): Promise<pg.QueryResult>;
  sh(instanceId: string, script: string): Promise<string>;
  command(type: string, data: object, tenantId: string): Promise<string>;
  closeAll(): Promise<void>;
}

/** The instance saga world plus storage (fs or s3rver) and a backup saga worker: nothing mocked. */
export async function createBackupWorld(suite: string, storageKind: 'fs' | 's3'): Promise<BackupWorld> {
  const world = await createSagaWorld(newSagaWorldNames(suite));
  let storage: BackupStorage;
  let storageRoot: string | null = null;
  let closeStorage: () => Promise<void>;
  if (storageKind === 'fs') {
    storageRoot = await mkdtemp(path.join(tmpdir(), 'backups-'));
    storage = createFsBackupStorage(storageRoot);
    closeStorage = () => rm(storageRoot!, { recursive: true, force: true });
  } else {
    const server = await startS3rver();
    storage = createS3BackupStorage(server.settings);
    closeStorage = async () => {
      await storage.close();
      await server.close();
    };
  }
  const databases = createRestoreDatabaseAdmin(testInstanceAdminUrl);
  const settings = testDockerSettings(suite, { image: ODOO_DOUBLE_IMAGES['17.0'] });
  const backupWorkers: Array<{ stop(): Promise<void> }> = [];
  await world.startWorker();
  let counter = 0;

  const volumes = createBackupVolumes(world.docker, settings);
  const backupWorld: BackupWorld = Object.assign(world, {
    storage, storageRoot, databases, volumes,
    async startBackupWorker(options: { faultInjectStep?: string } = {}) {
      const worker = await startBackupSagaWorker({
        pool: world.pool, db: world.db, store: world.store, readModelSchema: world.names.readModelSchema,
        sagaSchema: world.names.sagaSchema, secretsKey: Buffer.from(world.names.secretsKey, 'base64'),
        // Tenants' targets here are s3rver peers on 127.0.0.1.
        allowPrivateTargetEndpoints: true,
        deps: {
          handleCommand: world.handleCommand, docker: world.adapter, volumes,
          postgresAdmin: world.postgresAdmin, databases, storage, plans: testPlans, odooImages: ODOO_DOUBLE_IMAGES, healthTimeoutMs: testHealthTimeoutMs, archiveTimeoutMs: 120_000,
        },
        runtime: { maxAttempts: 2, retryBaseMs: 50, pauseMs: 500, ...(options.faultInjectStep ? { faultInjectStep: options.faultInjectStep } : {}) },
        concurrency: 4, pollIntervalMs: 100,
      });
      backupWorkers.push(worker);
      return worker;
    },
    async runningInstance() {
      const { instanceId, tenantId } = await world.provision();
      const provisioned = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
      if (provisioned.type !== 'InstanceProvisioned') throw new Error(`provisioning failed: ${JSON.stringify(provisioned.data)}`);
      return { instanceId, tenantId };
    },
    async instancePassword(instanceId: string) {
      const reference = instanceSecretReference(instanceId);
      const { rows } = await world.pool.query<{ ciphertext: Buffer }>(`SELECT ciphertext FROM "${world.names.sagaSchema}".secrets WHERE reference = $1`, [reference]);
      return decryptSecret(Buffer.from(world.names.secretsKey, 'base64'), rows[0]!.ciphertext, reference);
    },
    async query(instanceId: string, role: string, sql: string) {
      const client = await connectAsInstanceRole(role, await backupWorld.instancePassword(instanceId), role);
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    },
    async sh(instanceId: string, script: string) {
      const { exitCode, output } = await execInContainer(world.docker, `odoo-${instanceId}`, ['sh', '-c', script]);
      if (exitCode !== 0) throw new Error(`sh failed (${exitCode}): ${output}`);
      return output;
    },
    async command(type: string, data: object, tenantId: string) {
      counter += 1;
      const result = await world.handleCommand({ type, data, metadata: { commandId: `test-${suite}-${process.pid}-${Date.now()}-${counter}`, actor: 'user-test', correlationId: `c-${counter}`, tenantId } });
      return result.streamName.slice(result.streamName.indexOf('-') + 1);
    },
    async closeAll() {
      await Promise.all(backupWorkers.map((worker) => worker.stop()));
      await world.close();
      await databases.close();
      await closeStorage();
    },
  });
  return backupWorld;
}
