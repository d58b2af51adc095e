import type { BackupRequest } from '../../domain/backup/backupCommands';
import type { BackupManifest } from '../../domain/backup/backupManifest';
import type { StepOutput } from '../runtime/sagaDefinition';

type Outputs = Readonly<Record<string, StepOutput>>;

/** The manifest from the recorded step outputs only, so a resumed saga rebuilds the very same one. */
export function buildBackupManifest(input: BackupRequest, outputs: Outputs): BackupManifest {
  const inspect = outputs.inspectInstance ?? {};
  const db = outputs.dumpDatabase ?? {};
  const volume = outputs.archiveVolume ?? {};
  const manifest = outputs.writeManifest ?? {};
  const resumed = outputs.resumeInstance ?? {};
  return {
    formatVersion: 1,
    backupId: input.backupId, instanceId: input.instanceId, tenantId: input.tenantId,
    odooVersion: String(inspect.odooVersion), plan: String(inspect.plan),
    mode: input.mode, trigger: input.trigger,
    startedAt: String(inspect.startedAt), completedAt: String(manifest.completedAt ?? inspect.startedAt),
    database: {
      key: String(db.key), size: Number(db.size), sha256: String(db.sha256), durationMs: Number(db.durationMs),
      name: String(db.name), format: 'pg_dump-custom', tableCount: Number(db.tableCount),
    },
    volume: { key: String(volume.key), size: Number(volume.size), sha256: String(volume.sha256), durationMs: Number(volume.durationMs), name: String(volume.name), format: 'tar' },
    downtimeMs: Number(resumed.downtimeMs ?? 0),
    tools: { pgDump: String(db.pgDump), node: process.version },
  };
}
