import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupManifest } from '../../domain/backup/backupManifest';
import type { BackupSagaDeps } from '../backups/backupSagaDeps';
import { instanceResourceMark, instanceSecretReference } from '../instances/instanceDatabaseName';
import { into, streamArchiveInto } from '../backups/streamArchiveInto';

/** The instance role's credentials: restores run as that role, so every restored object is its own. */
export async function instanceCredentials(deps: BackupSagaDeps, instanceId: string, role: string): Promise<{ user: string; password: string }> {
  const password = await deps.secrets.read(instanceSecretReference(instanceId));
  if (password === null) throw new Error(`the database password of instance ${instanceId} is missing`);
  return { user: role, password };
}

/** A fresh database (owned by the role, public schema its own) filled from the dump, checksum-checked
 * on the way. Shared by the restore saga and the restore drill. */
export async function restoreDatabaseArchive(
  deps: BackupSagaDeps, manifest: BackupManifest, target: string, role: string, instanceId = manifest.instanceId,
): Promise<void> {
  await deps.postgresAdmin.dropDatabase(target); // a partial one from an interrupted attempt
  await deps.postgresAdmin.ensureDatabase(target, role, instanceResourceMark(instanceId));
  // The role (and password) of the instance restored into, which a clone's backup did not come from.
  const credentials = await instanceCredentials(deps, instanceId, role);
  const restore = deps.postgresAdmin.restore(target, credentials, { noOwner: true });
  await streamArchiveInto(deps.storage, manifest.database, into(restore.stream, restore.completion));
}

/** A fresh volume filled from the tar, checksum-checked on the way. */
export async function restoreVolumeArchive(
  deps: BackupSagaDeps, manifest: BackupManifest, target: string, owner = { instanceId: manifest.instanceId, tenantId: manifest.tenantId },
): Promise<void> {
  await deps.volumes.remove(target);
  await deps.volumes.ensure(target, owner);
  await streamArchiveInto(deps.storage, manifest.volume, async (source) => {
    const relay = new PassThrough();
    await Promise.all([pipeline(source, relay), deps.volumes.extract(target, relay)]);
  });
}
