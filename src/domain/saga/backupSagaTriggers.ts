import type { SagaTrigger, TriggerEvent } from './sagaTrigger';

const field = (name: string) => (event: TriggerEvent) => String((event.data as Record<string, unknown>)[name]);

/** One saga per backup (saga-backupInstance-<backupId>) and per restore (saga-restoreBackup-<restoreId>). */
export const backupSagaTriggers: SagaTrigger[] = [
  { eventType: 'BackupStarted', sagaName: 'backupInstance', sagaId: field('backupId'), subjectId: field('instanceId') },
  { eventType: 'RestoreRequested', sagaName: 'restoreBackup', sagaId: field('restoreId'), subjectId: field('instanceId') },
];
