import type { BackupRequest } from '../../domain/backup/backupCommands';
import type { BackupManifest } from '../../domain/backup/backupManifest';
import type { StepOutput } from '../runtime/sagaDefinition';
import { archivesFromOutputs } from './archiveDataStep';

type Outputs = Readonly<Record<string, StepOutput>>;

/** The manifest from the recorded step outputs only, so a resumed saga rebuilds the very same one. */
export function buildBackupManifest(input: BackupRequest, outputs: Outputs): BackupManifest {
  const inspect = outputs.inspectInstance ?? {};
  const { database, volume } = archivesFromOutputs(outputs);
  const manifest = outputs.writeManifest ?? {};
  const resumed = outputs.resumeInstance ?? {};
  return {
    formatVersion: 1,
    backupId: input.backupId, instanceId: input.instanceId, tenantId: input.tenantId,
    odooVersion: String(inspect.odooVersion), plan: String(inspect.plan),
    mode: input.mode, trigger: input.trigger,
    startedAt: String(inspect.startedAt), completedAt: String(manifest.completedAt ?? inspect.startedAt),
    database: {
      key: database.key, size: database.size, sha256: database.sha256, durationMs: database.durationMs,
      name: database.name, format: 'pg_dump-custom', tableCount: database.tableCount,
    },
    volume: { ...volume, format: 'tar' },
    downtimeMs: Number(resumed.downtimeMs ?? 0),
    tools: { pgDump: database.pgDump, node: process.version },
  };
}
