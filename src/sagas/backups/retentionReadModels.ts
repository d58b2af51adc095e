import { backupsProjection } from '../../projections/backups/backupsProjection';
import type { ProjectionDb } from '../../projections/runtime/projection';
import { servingTableNames } from '../../projections/runtime/servingTableNames';
import { sagasProjection } from '../../projections/sagas/sagasProjection';
import { completedBackupsOf } from './completedBackupsOf';
import type { PruneBackupsDeps } from './pruneInstanceBackups';
import { restoreInProgress } from './restoreInProgress';

/** What retention reads, over the read models of `schema` (the worker and the CLI alike). */
export function retentionReadModels(db: ProjectionDb, schema: string): Pick<PruneBackupsDeps, 'completedBackups' | 'restoreInProgress'> {
  const backups = servingTableNames(backupsProjection, schema);
  const sagas = servingTableNames(sagasProjection, schema);
  return {
    completedBackups: (instanceId) => completedBackupsOf(db, backups, instanceId),
    restoreInProgress: (instanceId) => restoreInProgress(db, sagas, instanceId),
  };
}
