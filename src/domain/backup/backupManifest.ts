/** One archive of a backup: where it is and what it must hash to. */
export interface BackupArchive {
  key: string;
  size: number;
  sha256: string;
  durationMs: number;
}

/** Written beside the archives and recorded in BackupCompleted: enough to check and restore a backup
 * without the platform's database (instance, versions, sizes, checksums, timings, tool versions). */
export interface BackupManifest {
  formatVersion: 1;
  backupId: string;
  instanceId: string;
  tenantId: string;
  odooVersion: string;
  plan: string;
  mode: BackupMode;
  trigger: BackupTrigger;
  startedAt: string;
  completedAt: string;
  database: BackupArchive & { name: string; format: 'pg_dump-custom'; tableCount: number };
  volume: BackupArchive & { name: string; format: 'tar' };
  /** How long the instance was stopped for a consistent backup (0 online). */
  downtimeMs: number;
  tools: { pgDump: string; node: string };
}

/** consistent: stop, dump, archive, back to the prior state. online: no stop (pg_dump is a
 * consistent snapshot of the database; the volume may move meanwhile). */
export const backupModes = ['consistent', 'online'] as const;
export type BackupMode = (typeof backupModes)[number];

export const backupTriggers = ['manual', 'scheduled', 'pre-restore', 'pre-upgrade', 'pre-delete'] as const;
export type BackupTrigger = (typeof backupTriggers)[number];
