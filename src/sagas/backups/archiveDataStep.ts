import type { Readable } from 'node:stream';
import { instanceResourceNames } from '../../domain/instance/instanceResourceNames';
import type { BackupStarted } from '../../domain/backup/backupEvents';
import { instanceDatabaseName } from '../instances/instanceDatabaseName';
import type { SagaStep } from '../runtime/sagaDefinition';
import { backupObjectKeys } from './backupObjectKeys';
import type { BackupSagaDeps } from './backupSagaDeps';
import { pgDumpVersion } from './toolVersions';

type Input = BackupStarted['data'];

/** What archiveData records: both archives, flat (step outputs are flat JSON). */
export type ArchivedData = {
  databaseKey: string; databaseSize: number; databaseSha256: string; databaseDurationMs: number; databaseName: string; tableCount: number; pgDump: string;
  volumeKey: string; volumeSize: number; volumeSha256: string; volumeDurationMs: number; volumeName: string;
};

export interface StoredArchive {
  key: string;
  size: number;
  sha256: string;
  durationMs: number;
  name: string;
}

/**
 * `pg_dump -Fc` of the database and the tar of the volume, each streamed into storage with its
 * SHA-256 and size, both at once: they read different things, so a consistent backup keeps the
 * instance stopped for the longer of the two rather than their sum. A failure of either stops the
 * other (its source is destroyed) and the step fails only once both have ended, so no transfer of
 * this attempt outlives it; the retry or the compensation replaces or deletes what they wrote.
 */
export function archiveDataStep(deps: BackupSagaDeps): SagaStep<'archiveData', Input, object, ArchivedData> {
  const keys = (input: Input) => backupObjectKeys(input.instanceId, input.backupId);
  return {
    name: 'archiveData', timeoutMs: deps.archiveTimeoutMs,
    run: async ({ input }) => {
      const sources: Readable[] = [];
      const stopOthersOnFailure = <T>(work: Promise<T>) => work.catch((error: unknown) => {
        for (const source of sources) source.destroy();
        throw error;
      });
      const database = stopOthersOnFailure((async () => {
        const name = instanceDatabaseName(input.instanceId);
        const started = Date.now();
        const tableCount = await deps.databases.tableCount(name);
        const dump = deps.postgresAdmin.dump(name);
        sources.push(dump.stream);
        const stored = await deps.storage.put(keys(input).database, dump.stream);
        // A dump is good only if pg_dump exited 0: a truncated one stays unrecorded.
        await dump.completion;
        return { ...stored, name, tableCount, durationMs: Date.now() - started, pgDump: await pgDumpVersion(deps.pgBinDir) };
      })());
      const volume = stopOthersOnFailure((async () => {
        const started = Date.now();
        const archive = await deps.docker.getVolumeArchive(input.instanceId);
        sources.push(archive);
        const stored = await deps.storage.put(keys(input).volume, archive);
        return { ...stored, name: instanceResourceNames(input.instanceId).volume, durationMs: Date.now() - started };
      })());
      const [db, vol] = await Promise.allSettled([database, volume]);
      if (db.status === 'rejected') throw db.reason;
      if (vol.status === 'rejected') throw vol.reason;
      return {
        databaseKey: db.value.key, databaseSize: db.value.size, databaseSha256: db.value.sha256, databaseDurationMs: db.value.durationMs,
        databaseName: db.value.name, tableCount: db.value.tableCount, pgDump: db.value.pgDump,
        volumeKey: vol.value.key, volumeSize: vol.value.size, volumeSha256: vol.value.sha256, volumeDurationMs: vol.value.durationMs,
        volumeName: vol.value.name,
      };
    },
    compensate: async ({ input }) => {
      await deps.storage.delete(keys(input).database);
      await deps.storage.delete(keys(input).volume);
    },
  };
}

/** The two archives as the archiveData step recorded them (what the manifest and copies describe). */
export function storedArchives(data: ArchivedData): { database: StoredArchive & { tableCount: number; pgDump: string }; volume: StoredArchive } {
  return {
    database: {
      key: data.databaseKey, size: data.databaseSize, sha256: data.databaseSha256,
      durationMs: data.databaseDurationMs, name: data.databaseName, tableCount: data.tableCount, pgDump: data.pgDump,
    },
    volume: {
      key: data.volumeKey, size: data.volumeSize, sha256: data.volumeSha256,
      durationMs: data.volumeDurationMs, name: data.volumeName,
    },
  };
}
