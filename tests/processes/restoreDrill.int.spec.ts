import { open } from 'node:fs/promises';
import path from 'node:path';
import { v5 } from 'uuid';
import { createPostgresSecretStore } from '../../src/adapters/secrets/createPostgresSecretStore';
import { instanceDatabaseName } from '../../src/sagas/instances/instanceDatabaseName';
import { restoreResourceNames } from '../../src/sagas/restore/restoreResourceNames';
import { runRestoreDrill } from '../../src/processes/runRestoreDrill';
import { removeTestDockerResources } from '../support/docker';
import { createBackupWorld, type BackupWorld } from '../sagas/backups/backupTestWorld';

// Real PostgreSQL (instances cluster), real Docker (stand-in image), fs storage (a byte is flipped on disk).
describe('restore drill', () => {
  let world: BackupWorld;
  beforeAll(async () => {
    world = await createBackupWorld('drill', 'fs');
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.startBackupWorker();
  });
  afterAll(async () => {
    await world.closeAll();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  const drill = (backupIds: string[], day: string) => runRestoreDrill({
    store: world.store, handleCommand: world.handleCommand, postgresAdmin: world.postgresAdmin, databases: world.databases,
    volumes: world.volumes, storage: world.storage,
    secrets: createPostgresSecretStore(world.pool, world.names.sagaSchema, Buffer.from(world.names.secretsKey, 'base64')),
    newestCompletedBackups: async () => backupIds, now: () => new Date(`${day}T03:00:00Z`),
  });

  async function leftovers(instanceId: string, backupId: string, verificationId: string) {
    const n = restoreResourceNames(instanceId, v5(`${backupId}/${verificationId}`, '5b0c7e52-8f43-4d1a-9e6b-2a7f3c9d1e04'));
    return [await world.postgresAdmin.databaseExists(n.newDatabase), await world.volumes.exists(n.newVolume)];
  }

  it('verifies a good backup, cleans up, skips it the same day, and fails it once an archive byte flips', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    const role = instanceDatabaseName(instanceId);
    await world.query(instanceId, role, "CREATE TABLE a (id int); CREATE TABLE b (id int); INSERT INTO a SELECT generate_series(1, 100)");
    await world.sh(instanceId, 'mkdir -p /var/lib/odoo/filestore/x && for i in 1 2 3; do echo $i > /var/lib/odoo/filestore/x/f$i; done');
    const files = Number((await world.sh(instanceId, 'find /var/lib/odoo -type f | wc -l')).trim());
    expect(files).toBeGreaterThanOrEqual(3);
    // Odoo's own tables (its init) and the two made here.
    const tables = Number((await world.query(instanceId, role, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n);
    const backupId = await world.command('BackupInstance', { instanceId, tenantId, mode: 'online' }, tenantId);
    const deadline = Date.now() + 90_000;
    let manifest: { database: { key: string } } | undefined;
    while (!manifest && Date.now() < deadline) {
      const done = (await world.store.readStream(`backup-${backupId}`)).find((e) => e.type === 'BackupCompleted');
      manifest = (done?.data as { manifest?: typeof manifest } | undefined)?.manifest;
      if (!manifest) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(manifest).toBeDefined();

    const [good] = await drill([backupId], '2026-01-01');
    expect(good).toMatchObject({ ok: true, recorded: true, detail: expect.stringContaining(`restored ${tables} tables and ${files} files`) });
    expect((await world.store.readStream(`backup-${backupId}`)).map((e) => e.type)).toContain('BackupVerified');
    expect(await leftovers(instanceId, backupId, 'drill:2026-01-01')).toEqual([false, false]);
    expect(await drill([backupId], '2026-01-01')).toMatchObject([{ recorded: false }]);

    const file = await open(path.join(world.storageRoot!, manifest!.database.key), 'r+');
    const { buffer } = await file.read(Buffer.alloc(1), 0, 1, 50);
    await file.write(Buffer.from([buffer[0]! ^ 0xff]), 0, 1, 50);
    await file.close();
    const [bad] = await drill([backupId], '2026-01-02');
    expect(bad).toMatchObject({ ok: false, recorded: true });
    const failed = (await world.store.readStream(`backup-${backupId}`)).find((e) => e.type === 'BackupVerificationFailed');
    expect(failed).toBeDefined();
    expect(await leftovers(instanceId, backupId, 'drill:2026-01-02')).toEqual([false, false]);
    // The instance itself was never touched.
    expect((await world.query(instanceId, role, 'SELECT count(*)::int AS n FROM a')).rows).toEqual([{ n: 100 }]);
  });
});
