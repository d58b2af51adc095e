import { pipeline } from 'node:stream/promises';
import { v5 } from 'uuid';
import type { BackupManifest } from '../domain/backup/backupManifest';
import { instanceDatabaseName, instanceResourceMark, instanceSecretReference } from '../sagas/instances/instanceDatabaseName';
import { restoreResourceNames } from '../sagas/restore/restoreResourceNames';
import { createTarFileCounter } from './createTarFileCounter';
import { loadBackup } from '../sagas/backups/loadBackup';
import type { RestoreDrillDeps } from './restoreDrillDeps';
import { drain, into, streamArchiveInto } from '../sagas/backups/streamArchiveInto';

export interface DrillOutcome {
  backupId: string;
  verificationId: string;
  ok: boolean;
  detail: string;
  /** false when nothing was recorded (not a completed backup, or this verification already was). */
  recorded: boolean;
}

const drillNamespace = '5b0c7e52-8f43-4d1a-9e6b-2a7f3c9d1e04';

/**
 * The full check of one backup: restore it into a throwaway database and volume beside the instance's
 * (checksums verified while streaming, pg_restore must succeed), compare the table count with the
 * manifest and the restored volume's files with the archive's, check the instance role can create a
 * table, then drop both and record BackupVerified / BackupVerificationFailed under `verificationId`
 * (recording is idempotent per verificationId, so a rerun of the same drill is not news).
 */
export async function drillBackup(deps: RestoreDrillDeps, backupId: string, verificationId: string, actor = 'system:restore-drill'): Promise<DrillOutcome> {
  const backup = await loadBackup(deps.store, backupId);
  if (backup.status !== 'completed' || !backup.manifest) {
    return { backupId, verificationId, ok: false, detail: `backup is ${backup.status}, not completed`, recorded: false };
  }
  if (backup.verifications.includes(verificationId)) {
    return { backupId, verificationId, ok: true, detail: 'already verified under this id', recorded: false };
  }
  const manifest = backup.manifest;
  // Names per (backup, verification): a rerun after a crash finds and replaces its own leftovers.
  const names = restoreResourceNames(manifest.instanceId, v5(`${backupId}/${verificationId}`, drillNamespace));
  let result: { ok: boolean; detail: string };
  try {
    result = { ok: true, detail: await restoreAndCheck(deps, manifest, names.newDatabase, names.newVolume) };
  } catch (error) {
    result = { ok: false, detail: (error instanceof Error ? error.message : String(error)).slice(0, 2000) };
  } finally {
    const leftovers: string[] = [];
    await deps.postgresAdmin.dropDatabase(names.newDatabase).catch(() => leftovers.push(names.newDatabase));
    await deps.volumes.remove(names.newVolume).catch(() => leftovers.push(names.newVolume));
    if (leftovers.length > 0) result = { ok: result!.ok, detail: `${result!.detail}; not cleaned up: ${leftovers.join(', ')}` };
  }
  await deps.handleCommand({
    type: 'RecordBackupVerification', data: { backupId, verificationId, ...result },
    metadata: { commandId: `backup-verification:${backupId}:${verificationId}`, actor, correlationId: `backup-verification:${backupId}`, tenantId: backup.tenantId },
  });
  return { backupId, verificationId, ...result, recorded: true };
}

async function restoreAndCheck(deps: RestoreDrillDeps, manifest: BackupManifest, database: string, volume: string): Promise<string> {
  const role = instanceDatabaseName(manifest.instanceId);
  const password = await deps.secrets.read(instanceSecretReference(manifest.instanceId));
  if (password === null) throw new Error(`the database password of instance ${manifest.instanceId} is missing`);
  const credentials = { user: role, password };

  // As the real restore does: a fresh database owned by the role, restored as the role.
  await deps.postgresAdmin.dropDatabase(database);
  await deps.postgresAdmin.ensureDatabase(database, role, instanceResourceMark(manifest.instanceId));
  const restore = deps.postgresAdmin.restore(database, credentials, { noOwner: true });
  await streamArchiveInto(deps.storage, manifest.database, into(restore.stream, restore.completion));
  const tables = await deps.databases.tableCount(database);
  if (tables !== manifest.database.tableCount) throw new Error(`restored database has ${tables} tables, the manifest says ${manifest.database.tableCount}`);
  await deps.databases.probeCreateTable(database, credentials);

  await deps.volumes.remove(volume);
  await deps.volumes.ensure(volume, { instanceId: manifest.instanceId, tenantId: manifest.tenantId });
  const archived = createTarFileCounter();
  await streamArchiveInto(deps.storage, manifest.volume, async (source) => {
    await Promise.all([pipeline(source, archived), deps.volumes.extract(volume, archived)]);
  });
  // Read back what the engine extracted: the files must all be there, not only have been sent.
  const extracted = createTarFileCounter();
  await Promise.all([pipeline(await deps.volumes.archive(volume), extracted), drain(extracted)]);
  if (extracted.files() !== archived.files()) throw new Error(`restored volume has ${extracted.files()} files, the archive ${archived.files()}`);
  return `restored ${tables} tables and ${archived.files()} files; checksums match the manifest`;
}
