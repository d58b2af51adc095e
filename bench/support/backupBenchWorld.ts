import { instanceDatabaseName } from '../../src/sagas/instances/instanceDatabaseName';
import { pgConnectionEnv, pgConnectionFromUrl } from '../../src/adapters/postgresAdmin/pgConnectionEnv';
import { removeTestDockerResources } from '../../tests/support/docker';
import { testInstanceAdminUrl } from '../../tests/support/instancesDb';
import { createBackupWorld, type BackupWorld } from '../../tests/sagas/backups/backupTestWorld';
import { shell } from './shell';

export interface BackupBenchWorld {
  world: BackupWorld;
  instanceId: string;
  tenantId: string;
  /** The instance's database and LOGIN role (same name). */
  database: string;
  /** The running Odoo container. */
  container: string;
  /** libpq environment of the admin role (what our backup's pg_dump connects as) for `database`. */
  adminEnv(database: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * The backup tests' world (tests/sagas/backups/backupTestWorld: event store, command pipeline, the
 * instance and backup saga workers, real Docker with the Odoo contract double, the instances cluster on
 * 5433, fs storage), one instance provisioned through it, then grown: `pgbench -i -s <scale>` as the
 * instance's role in its database, and `volumeMb` of random files (4 large, 500 of 4 kB) written in
 * its container. close() stops the workers and removes every schema, database, container, volume and
 * directory the world made, whatever state the bench left.
 */
export async function startBackupBenchWorld(suite: string, size: { pgbenchScale: number; volumeMb: number }): Promise<BackupBenchWorld> {
  const world = await createBackupWorld(suite, 'fs');
  const close = async () => {
    await world.closeAll().catch((error: unknown) => console.error('clean-up: world', error));
    await removeTestDockerResources(world.docker, suite).catch((error: unknown) => console.error('clean-up: docker', error));
  };
  try {
    await removeTestDockerResources(world.docker, suite);
    await world.startBackupWorker();
    const { instanceId, tenantId } = await world.runningInstance();
    const database = instanceDatabaseName(instanceId);
    const adminEnv = (name: string) => pgConnectionEnv(pgConnectionFromUrl(testInstanceAdminUrl, name));
    const asRole = { ...pgConnectionFromUrl(testInstanceAdminUrl, database), user: database, password: await world.instancePassword(instanceId) };
    // The tenant's own session (its default search_path), not the admin's catalog-only one.
    const { PGOPTIONS: _adminSearchPath, ...roleEnv } = pgConnectionEnv(asRole);
    await shell(`pgbench -i -q -s ${size.pgbenchScale}`, roleEnv);
    const large = 4;
    await world.sh(instanceId, [
      'mkdir -p /var/lib/odoo/filestore/big /var/lib/odoo/filestore/small',
      `for i in $(seq 1 ${large}); do dd if=/dev/urandom of=/var/lib/odoo/filestore/big/f$i bs=1M count=${Math.ceil(size.volumeMb / large)} 2>/dev/null || exit 1; done`,
      'for i in $(seq 1 500); do dd if=/dev/urandom of=/var/lib/odoo/filestore/small/s$i bs=4k count=1 2>/dev/null || exit 1; done',
    ].join(' && '));
    return { world, instanceId, tenantId, database, container: `odoo-${instanceId}`, adminEnv, close };
  } catch (error) {
    await close();
    throw error;
  }
}
