import { open } from 'node:fs/promises';
import path from 'node:path';
import { instanceDatabaseName } from '../../../src/sagas/instances/instanceDatabaseName';
import { removeTestDockerResources } from '../../support/docker';
import { createBackupWorld, type BackupWorld } from './backupTestWorld';
import { backupAndWait, mutate, pendingOperation, seed, sideResources, snapshot, waitFor } from './restoreFixtures';

// Real PostgreSQL (instances cluster, non-superuser admin), real Docker (stand-in image), real
// storage (s3rver for the round trip, fs where a test flips a byte on disk).
const created: string[] = [];

describe.each(['s3', 'fs'] as const)('backup and restore on %s storage', (storageKind) => {
  let world: BackupWorld;
  let worker: { stop(): Promise<void> };
  beforeAll(async () => {
    world = await createBackupWorld(`backup${storageKind}`, storageKind);
    await removeTestDockerResources(world.docker, world.names.suite);
    worker = await world.startBackupWorker();
  });
  afterAll(async () => {
    await world.closeAll();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  it('round trip: rows and files backed up, changed, restored exactly; the role can still create tables; prior state kept', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    created.push(instanceId);
    await seed(world, instanceId);
    const role = instanceDatabaseName(instanceId);
    // Odoo's own tables (from its init) and the seeded one, all the role's.
    const publicTables = async () => (await world.query(instanceId, role, "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows;
    const tablesBefore = await publicTables();
    expect(tablesBefore).toContainEqual({ tablename: 'shop_orders', tableowner: role });
    const original = await snapshot(world, instanceId);
    const { backupId, manifest } = await backupAndWait(world, instanceId, tenantId);
    expect(manifest).toMatchObject({ instanceId, tenantId, odooVersion: '17.0', plan: 'starter', mode: 'consistent', database: { tableCount: tablesBefore.length } });
    expect(manifest.database.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await world.adapter.inspect(instanceId)) as { running?: boolean }).toMatchObject({ running: true });

    await mutate(world, instanceId);
    expect(await snapshot(world, instanceId)).not.toEqual(original);
    const restoreId = await world.command('RestoreBackup', { backupId, instanceId, tenantId }, tenantId);
    const done = await waitFor(world, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed'], 180_000);
    expect(done).toMatchObject({ type: 'RestoreCompleted' });
    expect(await pendingOperation(world, instanceId)).toBeNull();

    expect(await snapshot(world, instanceId)).toEqual(original);
    expect(await publicTables()).toEqual(tablesBefore);
    await world.query(instanceId, role, 'CREATE TABLE after_restore (id int); DROP TABLE after_restore');
    expect((await world.adapter.inspect(instanceId)) as { running?: boolean }).toMatchObject({ running: true });
    expect(await sideResources(world, instanceId, restoreId)).toEqual([]);
    // The pre-restore backup holds the changed data.
    const preRestoreBackupId = (done.data as { preRestoreBackupId: string }).preRestoreBackupId;
    expect(await waitFor(world, `backup-${preRestoreBackupId}`, ['BackupCompleted'])).toMatchObject({ data: { manifest: { trigger: 'pre-restore' } } });
  });

  if (storageKind !== 'fs') return;

  it('refuses a corrupted archive (one flipped byte) and leaves the instance untouched', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    created.push(instanceId);
    await seed(world, instanceId);
    const { backupId, manifest } = await backupAndWait(world, instanceId, tenantId, 'online');
    await mutate(world, instanceId);
    const before = await snapshot(world, instanceId);
    const file = await open(path.join(world.storageRoot!, manifest.database.key), 'r+');
    const { bytesRead, buffer } = await file.read(Buffer.alloc(1), 0, 1, 100);
    expect(bytesRead).toBe(1);
    await file.write(Buffer.from([buffer[0]! ^ 0xff]), 0, 1, 100);
    await file.close();

    const restoreId = await world.command('RestoreBackup', { backupId, instanceId, tenantId }, tenantId);
    const done = await waitFor(world, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed']);
    expect(done).toMatchObject({ type: 'RestoreFailed', data: { failedStep: 'checkBackup', reason: expect.stringContaining('does not match its manifest') } });
    expect(await pendingOperation(world, instanceId)).toBeNull();
    expect(await snapshot(world, instanceId)).toEqual(before);
    expect((await world.adapter.inspect(instanceId)) as { running?: boolean }).toMatchObject({ running: true });
    expect(await sideResources(world, instanceId, restoreId)).toEqual([]);
  });

  it('a dump that fails ends the backup at archiveData with nothing stored, and the instance running again', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    created.push(instanceId);
    // A database that is gone: the dump fails while the volume's tar (started beside it) succeeds.
    await world.postgresAdmin.dropDatabase(instanceDatabaseName(instanceId));
    const backupId = await world.command('BackupInstance', { instanceId, tenantId, mode: 'consistent' }, tenantId);
    const done = await waitFor(world, `backup-${backupId}`, ['BackupCompleted', 'BackupFailed']);
    expect(done).toMatchObject({ type: 'BackupFailed', data: { failedStep: 'archiveData' } });
    expect(await world.storage.list(`instances/${instanceId}/${backupId}/`)).toEqual([]);
    expect((await world.adapter.inspect(instanceId)) as { running?: boolean }).toMatchObject({ running: true });
  });

  it.each(['replaceVolume', 'recreateContainer'])('a failure injected at %s mid-restore leaves the old data intact and a stopped instance stopped', async (step) => {
    const { instanceId, tenantId } = await world.runningInstance();
    created.push(instanceId);
    await seed(world, instanceId);
    const { backupId } = await backupAndWait(world, instanceId, tenantId);
    await mutate(world, instanceId);
    const before = await snapshot(world, instanceId);
    await world.adapter.stop(instanceId);

    await worker.stop();
    const faulty = await world.startBackupWorker({ faultInjectStep: step });
    const restoreId = await world.command('RestoreBackup', { backupId, instanceId, tenantId }, tenantId);
    const done = await waitFor(world, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed'], 180_000);
    await faulty.stop();
    worker = await world.startBackupWorker();
    expect(done).toMatchObject({ type: 'RestoreFailed', data: { failedStep: step } });
    expect(await pendingOperation(world, instanceId)).toBeNull();
    expect((await world.adapter.inspect(instanceId)) as { running?: boolean }).toMatchObject({ running: false });
    await world.adapter.start(instanceId);
    expect(await snapshot(world, instanceId)).toEqual(before);
    expect(await sideResources(world, instanceId, restoreId)).toEqual([]);
  });
});
