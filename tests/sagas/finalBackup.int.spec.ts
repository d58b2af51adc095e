import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { sagasRetry, sagasShow } from '../../src/api/cli/sagasCommands';
import { createPostgresSagaSchedule } from '../../src/adapters/sagas/createPostgresSagaSchedule';
import type { Config } from '../../src/config';
import type { BackupManifest } from '../../src/domain/backup/backupManifest';
import { backupObjectKeys } from '../../src/sagas/backups/backupObjectKeys';
import { instanceSagaTriggers } from '../../src/domain/saga/instanceSagaTriggers';
import { sagaStreamName } from '../../src/domain/saga/sagaStreamName';
import type { SagaWorker } from '../../src/wiring/startSagaWorker';
import { execInContainer, readTar, removeTestDockerResources } from '../support/docker';
import { instanceLeftovers } from './support/instanceLeftovers';
import { queryAsInstance } from './support/queryAsInstance';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from './support/sagaTestWorld';
import { killWorkerProcess, startWorkerProcess } from './support/workerProcess';

// The delete saga's final backup on real Docker, PostgreSQL and fs storage: taken before anything is
// destroyed, never twice for one deletion, and a deletion whose backup fails destroys nothing.
// One world per describe block; the helpers below use the current one.
let world: SagaWorld;

const until = async <T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
/** A running instance with a row in its database and a file in its volume. */
const instanceWithData = async (word: string) => {
  const instance = await world.provision();
  const provisioned = await world.waitForInstanceEvent(instance.instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
  if (provisioned.type !== 'InstanceProvisioned') throw new Error(JSON.stringify(provisioned.data));
  await queryAsInstance(world, instance.instanceId, `CREATE TABLE last_words (word text); INSERT INTO last_words VALUES ('${word}')`);
  const written = await execInContainer(world.docker, `odoo-${instance.instanceId}`, ['sh', '-c', `echo ${word} > /var/lib/odoo/last-file`]);
  expect(written.exitCode).toBe(0);
  return instance;
};
const deleteNow = async (instanceId: string, tenantId: string) => {
  await world.handleCommand({
    type: 'DeleteInstance', data: { instanceId, gracePeriodSeconds: 0, reason: 'test' },
    metadata: { commandId: randomUUID(), actor: 'user-test', correlationId: randomUUID(), tenantId },
  });
  const requested = (await world.store.readStream(`instance-${instanceId}`)).find((e) => e.type === 'InstanceDeletionRequested')!;
  const trigger = instanceSagaTriggers.find((t) => t.sagaName === 'deleteInstance')!;
  const sagaId = trigger.sagaId(requested);
  return { sagaId, stream: sagaStreamName('deleteInstance', sagaId) };
};
const preDeleteBackups = async (instanceId: string) => {
  const { rows } = await world.pool.query<{ stream_name: string }>(
    `SELECT DISTINCT stream_name FROM "${world.names.eventStoreSchema}".events
      WHERE type = 'BackupStarted' AND data->>'instanceId' = $1 AND data->>'trigger' = 'pre-delete'`, [instanceId]);
  return Promise.all(rows.map(async ({ stream_name }) => {
    const events = await world.store.readStream(stream_name);
    return { backupId: stream_name.slice('backup-'.length), outcome: events.at(-1)!.type, data: events.at(-1)!.data as { manifest?: BackupManifest } };
  }));
};
/** What the dump and the volume archive in storage hold (pg_restore reads the real file). */
const storedContents = async (instanceId: string, backupId: string) => {
  const { root, storage } = await world.backupStorage();
  const keys = backupObjectKeys(instanceId, backupId);
  const { stdout: listing } = await promisify(execFile)('pg_restore', ['--list', path.join(root, keys.database)]);
  const { stdout: script } = await promisify(execFile)('pg_restore', ['--data-only', '--table=last_words', '-f', '-', path.join(root, keys.database)]);
  const volume = await readTar(await storage.get(keys.volume));
  const file = [...volume.entries()].find(([name]) => name.endsWith('last-file'))?.[1].toString('utf8').trim();
  return { listing, script, file };
};

describe('final backup before an instance is deleted', () => {
  let backupWorker: SagaWorker;

  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('finalbackup'));
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.startWorker();
    backupWorker = await world.startBackupSagaWorker();
  });
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('takes a completed pre-delete backup of the database and the volume, then destroys everything', async () => {
    const { instanceId, tenantId } = await instanceWithData('farewell');
    const { stream } = await deleteNow(instanceId, tenantId);
    expect((await world.waitForInstanceEvent(instanceId, ['InstanceDeleted', 'InstanceOperationFailed'], 60_000)).type).toBe('InstanceDeleted');

    const steps = (await world.store.readStream(stream)).filter((e) => e.type === 'SagaStepCompleted').map((e) => e.data as { step: string; output: Record<string, unknown> | null });
    expect(steps.map((s) => s.step)).toEqual([
      'showDeletedPage', 'removeContainer', 'awaitGracePeriod', 'finalBackup', 'dropDatabase', 'dropRole', 'removeVolume', 'releaseSubdomain',
    ]);
    const backups = await preDeleteBackups(instanceId);
    expect(backups).toHaveLength(1);
    expect(steps.find((s) => s.step === 'finalBackup')?.output).toEqual({ finalBackupId: backups[0]!.backupId });
    expect(backups[0]).toMatchObject({ outcome: 'BackupCompleted', data: { manifest: { trigger: 'pre-delete', mode: 'consistent', downtimeMs: 0 } } });

    const stored = await storedContents(instanceId, backups[0]!.backupId);
    expect(stored.listing).toMatch(/TABLE DATA public last_words/);
    expect(stored.script).toContain('farewell');
    expect(stored.file).toBe('farewell');
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
  });

  it('destroys nothing while the final backup fails, and finishes the deletion once an operator retries after the fix', async () => {
    await backupWorker.stop();
    // Every backup fails after its dump (and throws the dump away): the storage is "broken".
    const failingWorker = await world.startBackupSagaWorker({ faultInjectStep: 'archiveData' });
    const { instanceId, tenantId } = await instanceWithData('still-here');
    const { sagaId, stream } = await deleteNow(instanceId, tenantId);

    const deferred = await until('finalBackup deferred', async () =>
      (await world.store.readStream(stream)).find((e) => e.type === 'SagaStepDeferred' && (e.data as { step: string }).step === 'finalBackup'));
    expect((deferred.data as { reason: string }).reason).toMatch(/final backup failed, nothing deleted: .*backup .* is failed \(archiveData: .*fault injected/);
    const history = await world.store.readStream(stream);
    // The fast attempts failed (each with a fresh backup), then the step waits instead of failing the saga.
    expect(history.filter((e) => e.type === 'SagaStepFailed').map((e) => (e.data as { step: string; permanent: boolean })))
      .toEqual([expect.objectContaining({ step: 'finalBackup', permanent: false }), expect.objectContaining({ step: 'finalBackup', permanent: false })]);
    expect(history.map((e) => e.type)).not.toContain('SagaCompleted');
    expect((await preDeleteBackups(instanceId)).map((b) => b.outcome)).toEqual(['BackupFailed', 'BackupFailed', 'BackupFailed']);

    // Nothing destroyed: only the container is gone, the data is intact.
    expect(await instanceLeftovers(world, instanceId)).toEqual(['volume', 'database', 'role', 'subdomain claim', 'secret']);
    expect((await queryAsInstance(world, instanceId, 'SELECT word FROM last_words')).rows).toEqual([{ word: 'still-here' }]);
    expect((await world.store.readStream(`instance-${instanceId}`)).map((e) => e.type)).not.toContain('InstanceDeleted');

    // What the operator sees.
    const context = { config: { READMODEL_SCHEMA: world.names.readModelSchema, SAGA_SCHEMA: world.names.sagaSchema } as Config, db: world.db, store: world.store, schedule: createPostgresSagaSchedule(world.pool, world.names.sagaSchema) };
    const shown: string[] = [];
    await until('saga shown', async () => ((await sagasShow(context, sagaId, (line) => shown.push(line))) ? true : undefined));
    expect(shown.find((line) => line.includes('SagaStepDeferred'))).toMatch(/step=finalBackup .*reason=final backup failed, nothing deleted/);

    // The operator fixes the cause and retries: a fresh backup, then the deletion goes on.
    await failingWorker.stop();
    backupWorker = await world.startBackupSagaWorker();
    await until('saga in the read model', async () => ((await sagasRetry(context, sagaId, () => undefined)) ? true : undefined));
    expect((await world.waitForInstanceEvent(instanceId, ['InstanceDeleted', 'InstanceOperationFailed'], 60_000)).type).toBe('InstanceDeleted');
    const backups = await preDeleteBackups(instanceId);
    const completed = backups.filter((b) => b.outcome === 'BackupCompleted');
    expect(backups).toHaveLength(4);
    expect(completed).toHaveLength(1);
    expect((await storedContents(instanceId, completed[0]!.backupId)).script).toContain('still-here');
    expect(await instanceLeftovers(world, instanceId)).toEqual([]);
  });
});

describe('final backup when the instance worker is SIGKILLed inside the step', () => {
  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('finalbackupkill'));
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.startBackupSagaWorker();
  });
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('a restarted worker waits for the backup already taken instead of taking a second one', async () => {
    // Parks right after the step's work: the backup is complete, the saga's stream does not say so.
    const first = await startWorkerProcess(world, 'finalBackup:hang');
    let second: Awaited<ReturnType<typeof startWorkerProcess>> | null = null;
    try {
      const { instanceId, tenantId } = await instanceWithData('once');
      const { stream } = await deleteNow(instanceId, tenantId);
      await until('final backup completed', async () => {
        const backups = await preDeleteBackups(instanceId);
        return backups.some((b) => b.outcome === 'BackupCompleted') ? true : undefined;
      });
      // Give the step time to reach the hang after its wait ended (nothing may be recorded meanwhile).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const completedSteps = async () => (await world.store.readStream(stream)).filter((e) => e.type === 'SagaStepCompleted').map((e) => (e.data as { step: string }).step);
      expect(await completedSteps()).not.toContain('finalBackup');
      await killWorkerProcess(first);

      second = await startWorkerProcess(world);
      expect((await world.waitForInstanceEvent(instanceId, ['InstanceDeleted', 'InstanceOperationFailed'], 60_000)).type).toBe('InstanceDeleted');
      expect((await completedSteps()).filter((step) => step === 'finalBackup')).toHaveLength(1);
      const backups = await preDeleteBackups(instanceId);
      expect(backups.map((b) => b.outcome)).toEqual(['BackupCompleted']);
      expect((await storedContents(instanceId, backups[0]!.backupId)).script).toContain('once');
      expect(await instanceLeftovers(world, instanceId)).toEqual([]);
    } finally {
      if (first.exitCode === null && first.signalCode === null) await killWorkerProcess(first);
      if (second) await killWorkerProcess(second);
    }
  });
});
