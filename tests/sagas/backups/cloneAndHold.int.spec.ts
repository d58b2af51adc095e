import { randomBytes, randomUUID } from 'node:crypto';
import { createPostgresAdmin } from '../../../src/adapters/postgresAdmin/createPostgresAdmin';
import { cloneInstanceId } from '../../../src/commands/cloneBackupCommand';
import { DomainError } from '../../../src/domain/shared/decider';
import { instanceDatabaseName } from '../../../src/sagas/instances/instanceDatabaseName';
import { sagaStreamName } from '../../../src/domain/saga/sagaStreamName';
import { removeTestDockerResources } from '../../support/docker';
import { testInstanceAdminUrl } from '../../support/instancesDb';
import { createBackupWorld, type BackupWorld } from './backupTestWorld';
import { backupAndWait, mutate, pendingOperation, seed, sideResources, snapshot, waitFor } from './restoreFixtures';

// The restore's hold on its instance and restores into a new instance (clones), on real Docker,
// the real instances cluster and fs storage.
let world: BackupWorld;
let worker: { stop(): Promise<void> };
const clones: string[] = [];

beforeAll(async () => {
  world = await createBackupWorld('clonehold', 'fs');
  await removeTestDockerResources(world.docker, world.names.suite);
  worker = await world.startBackupWorker();
});
afterAll(async () => {
  await world.closeAll();
  await removeTestDockerResources(world.docker, world.names.suite);
  // Clones are not the world's own provisions, and closeAll closed its admin connection.
  const admin = createPostgresAdmin(testInstanceAdminUrl);
  for (const id of clones) {
    await admin.dropDatabase(instanceDatabaseName(id)).catch(() => undefined);
    await admin.dropRole(instanceDatabaseName(id)).catch(() => undefined);
  }
  await admin.close();
});

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a running restore holds its instance', () => {
  it('refuses a second restore and lifecycle operations until it ends, then frees the instance', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    await seed(world, instanceId);
    const original = await snapshot(world, instanceId);
    const { backupId } = await backupAndWait(world, instanceId, tenantId, 'online');
    await mutate(world, instanceId);

    const first = await world.command('RestoreBackup', { backupId, instanceId, tenantId }, tenantId);
    await eventually(async () => (await pendingOperation(world, instanceId)) === 'restore', 'the hold');
    // Every ingress refuses a second restore at once (the command's precondition reads the instance)…
    await expect(world.command('RestoreBackup', { backupId, instanceId, tenantId }, tenantId)).rejects.toMatchObject({ name: 'DomainError', code: 'operation-in-progress' });
    // …and one that raced past that check (appended as the pipeline would have) is refused by the hold.
    const second = randomUUID();
    await world.store.appendToStream(`restore-${second}`, [{
      type: 'RestoreRequested', data: { restoreId: second, backupId, instanceId, tenantId, requestedBy: 'user-test' },
      metadata: { actor: 'user-test', correlationId: `race-${second}`, commandId: `race-${second}`, tenantId },
    }], { expectedVersion: 'no_stream' });
    for (const type of ['StopInstance', 'RestartInstance', 'DeleteInstance']) {
      const data = type === 'DeleteInstance' ? { instanceId, gracePeriodSeconds: 0, reason: 'x' } : { instanceId };
      await expect(world.command(type, data, tenantId)).rejects.toMatchObject({ name: 'DomainError', code: 'operation-in-progress' });
    }
    await expect(world.command('StopInstance', { instanceId }, tenantId)).rejects.toBeInstanceOf(DomainError);

    const refused = await waitFor(world, `restore-${second}`, ['RestoreCompleted', 'RestoreFailed'], 60_000);
    expect(refused).toMatchObject({ type: 'RestoreFailed', data: { failedStep: 'holdInstance', reason: expect.stringContaining('restore is still in progress') } });
    expect(await pendingOperation(world, instanceId)).toBe('restore');
    expect(await sideResources(world, instanceId, second)).toEqual([]);

    const done = await waitFor(world, `restore-${first}`, ['RestoreCompleted', 'RestoreFailed'], 180_000);
    expect(done).toMatchObject({ type: 'RestoreCompleted' });
    expect(await pendingOperation(world, instanceId)).toBeNull();
    expect(await snapshot(world, instanceId)).toEqual(original);
    const instanceEvents = (await world.store.readStream(`instance-${instanceId}`)).map((e) => e.type).filter((t) => t.startsWith('InstanceRestore') || t === 'InstanceRestored');
    expect(instanceEvents).toEqual(['InstanceRestoreStarted', 'InstanceRestored']);
  });
});

describe('a backup asked for while a restore holds the instance', () => {
  it('waits (deferred) without touching the container, then runs once the restore ended', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    const restoreId = randomUUID();
    await world.command('BeginInstanceRestore', { instanceId, restoreId, backupId: randomUUID() }, tenantId);
    const backupId = await world.command('BackupInstance', { instanceId, tenantId, mode: 'consistent', trigger: 'scheduled', slot: new Date().toISOString() }, tenantId);
    const deferred = await waitFor(world, sagaStreamName('backupInstance', backupId), ['SagaStepDeferred'], 30_000);
    expect(deferred.data).toMatchObject({ step: 'holdInstance', reason: expect.stringContaining('a restore is still in progress') });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await world.adapter.inspect(instanceId)) as { running?: boolean }).toMatchObject({ running: true });
    expect((await world.store.readStream(`backup-${backupId}`)).map((e) => e.type)).toEqual(['BackupStarted']);

    await world.command('RecordInstanceRestored', { instanceId, restoreId }, tenantId);
    expect(await waitFor(world, `backup-${backupId}`, ['BackupCompleted', 'BackupFailed'], 60_000)).toMatchObject({ type: 'BackupCompleted' });
    expect((await world.adapter.inspect(instanceId)) as { running?: boolean }).toMatchObject({ running: true });
  });
});

describe('clone: restore into a new instance', () => {
  it('provisions a new instance of the tenant holding the backup\'s rows and files, owned by its own role; the source is untouched', async () => {
    const source = await world.runningInstance();
    await seed(world, source.instanceId);
    const backedUp = await snapshot(world, source.instanceId);
    const { backupId } = await backupAndWait(world, source.instanceId, source.tenantId, 'online');
    await mutate(world, source.instanceId);
    const sourceBefore = await snapshot(world, source.instanceId);

    const subdomain = `c${randomBytes(6).toString('hex')}`;
    const restoreId = await world.command('CloneBackup', { backupId, tenantId: source.tenantId, name: 'Cloned shop', subdomain }, source.tenantId);
    const cloneId = cloneInstanceId(restoreId);
    clones.push(cloneId);
    const done = await waitFor(world, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed'], 240_000);
    expect(done).toMatchObject({ type: 'RestoreCompleted' });

    const clone = await world.store.readStream(`instance-${cloneId}`);
    expect(clone[0]).toMatchObject({ type: 'InstanceProvisioningRequested', data: { tenantId: source.tenantId, subdomain, name: 'Cloned shop', plan: 'starter', odooVersion: '17.0' } });
    expect(await pendingOperation(world, cloneId)).toBeNull();
    expect((await world.adapter.inspect(cloneId)) as { running?: boolean }).toMatchObject({ running: true });
    expect(await snapshot(world, cloneId)).toEqual(backedUp);
    const role = instanceDatabaseName(cloneId);
    // Odoo's tables and the seeded one, every one the clone's own role's.
    const tables = await world.query(cloneId, role, "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rows).toContainEqual({ tablename: 'shop_orders', tableowner: role });
    expect(tables.rows.every((row) => row.tableowner === role)).toBe(true);
    const schemaOwner = await world.query(cloneId, role, "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'public'");
    expect(schemaOwner.rows).toEqual([{ owner: role }]);
    await world.query(cloneId, role, 'CREATE TABLE after_clone (id int); DROP TABLE after_clone');
    expect(await sideResources(world, cloneId, restoreId)).toEqual([]);

    expect(await snapshot(world, source.instanceId)).toEqual(sourceBefore);
    expect((await world.adapter.inspect(source.instanceId)) as { running?: boolean }).toMatchObject({ running: true });
    expect(await pendingOperation(world, source.instanceId)).toBeNull();
  });

  it('refuses a backup of another tenant, for a clone and for a restore in place, touching nothing', async () => {
    const source = await world.runningInstance();
    const { backupId } = await backupAndWait(world, source.instanceId, source.tenantId, 'online');
    const intruder = randomUUID();
    const restoreId = await world.command('CloneBackup', { backupId, tenantId: intruder, name: 'Stolen', subdomain: `s${randomBytes(6).toString('hex')}` }, intruder);
    const refused = await waitFor(world, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed']);
    expect(refused).toMatchObject({ type: 'RestoreFailed', data: { failedStep: 'provisionClone', reason: expect.stringContaining('belongs to another tenant') } });
    expect(await world.store.readStream(`instance-${cloneInstanceId(restoreId)}`)).toEqual([]);

    const other = await world.runningInstance();
    const inPlace = await world.command('RestoreBackup', { backupId, instanceId: other.instanceId, tenantId: other.tenantId }, other.tenantId);
    const refusedInPlace = await waitFor(world, `restore-${inPlace}`, ['RestoreCompleted', 'RestoreFailed']);
    expect(refusedInPlace).toMatchObject({ type: 'RestoreFailed', data: { reason: expect.stringContaining('belongs to another tenant') } });
    expect(await pendingOperation(world, other.instanceId)).toBeNull();
  });

  it('deletes a clone whose restore failed', async () => {
    const source = await world.runningInstance();
    await seed(world, source.instanceId);
    const { backupId } = await backupAndWait(world, source.instanceId, source.tenantId, 'online');
    await worker.stop();
    const faulty = await world.startBackupWorker({ faultInjectStep: 'verifyRestore' });
    try {
      const restoreId = await world.command('CloneBackup', { backupId, tenantId: source.tenantId, name: 'Doomed', subdomain: `d${randomBytes(6).toString('hex')}` }, source.tenantId);
      const cloneId = cloneInstanceId(restoreId);
      clones.push(cloneId);
      const done = await waitFor(world, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed'], 240_000);
      expect(done).toMatchObject({ type: 'RestoreFailed', data: { failedStep: 'verifyRestore' } });
      const deletion = await world.waitForInstanceEvent(cloneId, ['InstanceDeletionRequested'], 10_000);
      expect(deletion.data).toMatchObject({ gracePeriodSeconds: 0 });
      await world.waitForInstanceEvent(cloneId, ['InstanceDeleted'], 120_000);
      expect(await world.postgresAdmin.databaseExists(instanceDatabaseName(cloneId))).toBe(false);
      expect(await sideResources(world, cloneId, restoreId)).toEqual([]);
    } finally {
      await faulty.stop();
      worker = await world.startBackupWorker();
    }
  });
});
