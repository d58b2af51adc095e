import { backupsProjection } from './backupsProjection';
import type { ProjectionDb } from '../runtime/projection';
import { servingTableNames } from '../runtime/servingTableNames';
import { sagasProjection } from '../sagas/sagasProjection';
import { completedBackupsOf } from './completedBackupsOf';
import type { PruneBackupsDeps } from '../../processes/pruneInstanceBackups';
import { restoreInProgress } from '../sagas/restoreInProgress';

/** What retention reads, over the read models of `schema` (the worker and the CLI alike). */
export function retentionReadModels(db: ProjectionDb, schema: string): Pick<PruneBackupsDeps, 'completedBackups' | 'restoreInProgress'> {
  const backups = servingTableNames(backupsProjection, schema);
  const sagas = servingTableNames(sagasProjection, schema);
  return {
    completedBackups: (instanceId) => completedBackupsOf(db, backups, instanceId),
    restoreInProgress: (instanceId) => restoreInProgress(db, sagas, instanceId),
  };
}
