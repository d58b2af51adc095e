import { restoreBackupSaga } from '../restore/restoreBackupSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { backupInstanceSaga } from './backupInstanceSaga';
import type { BackupSagaDeps } from './backupSagaDeps';

/** Every backup saga, for the saga processor (their triggers: backupSagaTriggers). */
export function backupSagas(deps: BackupSagaDeps): SagaDefinition[] {
  return [backupInstanceSaga(deps), restoreBackupSaga(deps)];
}
