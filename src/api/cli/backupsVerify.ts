import type { BackupStorage } from '../../adapters/storage/backupStorage';
import type { EventStore } from '../../adapters/eventstore/eventStore';
import type { HandleCommand } from '../../commands/handleCommand';
import { loadBackup } from '../../sagas/backups/loadBackup';
import { drain, streamArchiveInto } from '../../sagas/backups/streamArchiveInto';

/** `backups verify <backupId>`: streams both archives and compares them with the manifest, recording
 * BackupVerified / BackupVerificationFailed. (The full drill — restore into a throwaway database and
 * volume — is not built yet; this is its checksum half.) */
export async function backupsVerify(deps: { store: EventStore; storage: BackupStorage; handleCommand: HandleCommand }, backupId: string): Promise<{ ok: boolean; detail: string }> {
  const backup = await loadBackup(deps.store, backupId);
  if (backup.status !== 'completed' || !backup.manifest) return { ok: false, detail: `backup is ${backup.status}` };
  let result: { ok: boolean; detail: string };
  try {
    await streamArchiveInto(deps.storage, backup.manifest.database, drain);
    await streamArchiveInto(deps.storage, backup.manifest.volume, drain);
    result = { ok: true, detail: 'checksums and sizes match the manifest' };
  } catch (error) {
    result = { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  const verificationId = `cli:${new Date().toISOString()}`;
  await deps.handleCommand({
    type: 'RecordBackupVerification', data: { backupId, verificationId, ...result },
    metadata: { commandId: `backup-verify:${backupId}:${verificationId}`, actor: 'system:cli', correlationId: `backup-verify:${backupId}`, tenantId: backup.tenantId },
  });
  return result;
}
