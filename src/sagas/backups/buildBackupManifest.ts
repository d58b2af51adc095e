import type { BackupRequest } from '../../domain/backup/backupCommands';
import type { BackupManifest } from '../../domain/backup/backupManifest';
import { storedArchives, type ArchivedData } from './archiveDataStep';

/** What the backup saga's steps recorded about one backup. */
export interface RecordedBackup {
  /** From inspectInstance. */
  startedAt: string;
  plan: string;
  odooVersion: string;
  archived: ArchivedData;
  /** From resumeInstance (0 when the instance was not stopped). */
  downtimeMs: number;
  /** From writeManifest. */
  completedAt: string;
}

/** The manifest from the recorded step outputs only, so a resumed saga rebuilds the very same one. */
export function buildBackupManifest(input: BackupRequest, recorded: RecordedBackup): BackupManifest {
  const { database, volume } = storedArchives(recorded.archived);
  return {
    formatVersion: 1,
    backupId: input.backupId, instanceId: input.instanceId, tenantId: input.tenantId,
    odooVersion: recorded.odooVersion, plan: recorded.plan,
    mode: input.mode, trigger: input.trigger,
    startedAt: recorded.startedAt, completedAt: recorded.completedAt,
    database: {
      key: database.key, size: database.size, sha256: database.sha256, durationMs: database.durationMs,
      name: database.name, format: 'pg_dump-custom', tableCount: database.tableCount,
    },
    volume: { ...volume, format: 'tar' },
    downtimeMs: recorded.downtimeMs,
    tools: { pgDump: database.pgDump, node: process.version },
  };
}
