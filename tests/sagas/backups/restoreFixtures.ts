import { loadInstanceFacts } from '../../../src/sagas/backups/loadInstanceFacts';
import { instanceDatabaseName } from '../../../src/sagas/instances/instanceDatabaseName';
import { restoreResourceNames } from '../../../src/sagas/restore/restoreResourceNames';
import type { BackupWorld } from './backupTestWorld';

// Rows in the instance database and files in its volume, as the restore tests seed, change and compare them.
export async function backupAndWait(world: BackupWorld, instanceId: string, tenantId: string, mode = 'consistent') {
  const backupId = await world.command('BackupInstance', { instanceId, tenantId, mode }, tenantId);
  const done = await waitFor(world, `backup-${backupId}`, ['BackupCompleted', 'BackupFailed']);
  expect(done).toMatchObject({ type: 'BackupCompleted' });
  return { backupId, manifest: (done.data as { manifest: Record<string, any> }).manifest }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function waitFor(world: BackupWorld, stream: string, types: string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await world.store.readStream(stream)).find((event) => types.includes(event.type));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${types.join('/')} in ${stream}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function snapshot(world: BackupWorld, instanceId: string) {
  const role = instanceDatabaseName(instanceId);
  const rows = (await world.query(instanceId, role, 'SELECT id, note FROM shop_orders ORDER BY id')).rows;
  const files = await world.sh(instanceId, 'cd /var/lib/odoo && find filestore -type f | sort | while read f; do echo "$f $(cat $f)"; done');
  return { rows, files };
}

export async function seed(world: BackupWorld, instanceId: string) {
  const role = instanceDatabaseName(instanceId);
  await world.query(instanceId, role, "CREATE TABLE shop_orders (id int PRIMARY KEY, note text); INSERT INTO shop_orders SELECT g, 'order ' || g FROM generate_series(1, 500) g");
  await world.sh(instanceId, 'mkdir -p /var/lib/odoo/filestore/ab && echo original-a > /var/lib/odoo/filestore/ab/a.bin && echo original-b > /var/lib/odoo/filestore/b.bin');
}

export async function mutate(world: BackupWorld, instanceId: string) {
  const role = instanceDatabaseName(instanceId);
  await world.query(instanceId, role, "DELETE FROM shop_orders WHERE id > 250; UPDATE shop_orders SET note = 'changed'; CREATE TABLE later (x int)");
  await world.sh(instanceId, 'rm /var/lib/odoo/filestore/b.bin && echo changed > /var/lib/odoo/filestore/ab/a.bin && echo new > /var/lib/odoo/filestore/c.bin');
}

export async function sideResources(world: BackupWorld, instanceId: string, restoreId: string) {
  const n = restoreResourceNames(instanceId, restoreId);
  const found: string[] = [];
  for (const db of [n.newDatabase, n.oldDatabase]) if (await world.postgresAdmin.databaseExists(db)) found.push(db);
  for (const volume of [n.newVolume, n.oldVolume]) if (await world.volumes.exists(volume)) found.push(volume);
  return found;
}


/** The instance's operation in flight, from its own stream ('restore' while a restore holds it). */
export async function pendingOperation(world: BackupWorld, instanceId: string) {
  return (await loadInstanceFacts(world.store, instanceId)).pendingOperation;
}
