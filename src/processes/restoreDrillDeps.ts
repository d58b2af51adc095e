import type { BackupSagaDeps } from '../sagas/backups/backupSagaDeps';

/** What a restore drill touches: the backup's stream, storage, the instances cluster and volumes
 * (never the instance's own database, volume or container). */
export type RestoreDrillDeps = Pick<BackupSagaDeps, 'store' | 'handleCommand' | 'postgresAdmin' | 'databases' | 'volumes' | 'storage' | 'secrets'>;
