import type { BackupCommand } from '../domain/backup/backupCommands';
import { backupDecider } from '../domain/backup/backupDecider';
import type { BackupManifest } from '../domain/backup/backupManifest';
import { restoreDecider, type RestoreCommand } from '../domain/restore/restoreDecider';
import { DomainError } from '../domain/shared/decider';
import { commandHandler } from './commandHandlerSpec';
import { pendingInstanceOperation } from './pendingInstanceOperation';
import * as s from './backupCommandSchemas';
import { backupCategory } from '../domain/backup/backupStream';
import { restoreCategory } from '../domain/restore/restoreStream';

const backupAggregate = { category: backupCategory, decider: backupDecider, aggregateId: (command: BackupCommand) => command.data.backupId };
const restoreAggregate = { category: restoreCategory, decider: restoreDecider, aggregateId: (command: RestoreCommand) => command.data.restoreId };

/** Backup and restore commands (spread into commandHandlers). Record* are internal reports. */
export const backupCommandHandlers = {
  BackupInstance: commandHandler({
    ...backupAggregate, schema: s.backupInstanceSchema,
    description: 'Back up an instance: database dump + data volume archive (202: a saga does it).',
    toCommand: (data, metadata, newId): BackupCommand => ({
      type: 'BackupInstance', data: { ...data, backupId: data.backupId ?? newId(), requestedBy: metadata.actor },
    }),
  }),
  RecordBackupCompleted: commandHandler({
    ...backupAggregate, schema: s.recordBackupCompletedSchema, description: 'Saga report: the backup is stored and checksummed (internal).',
    toCommand: (data): BackupCommand => ({ type: 'RecordBackupCompleted', data: { backupId: data.backupId, manifest: data.manifest as BackupManifest } }),
  }),
  RecordBackupFailed: commandHandler({
    ...backupAggregate, schema: s.recordBackupFailedSchema, description: 'Saga report: the backup failed and was cleaned up (internal).',
    toCommand: (data): BackupCommand => ({ type: 'RecordBackupFailed', data }),
  }),
  RecordBackupVerification: commandHandler({
    ...backupAggregate, schema: s.recordBackupVerificationSchema, description: 'Restore drill report (internal).',
    toCommand: (data): BackupCommand => ({ type: 'RecordBackupVerification', data }),
  }),
  RecordBackupPruned: commandHandler({
    ...backupAggregate, schema: s.recordBackupPrunedSchema, description: 'Retention report: the archives were deleted (internal).',
    toCommand: (data): BackupCommand => ({ type: 'RecordBackupPruned', data }),
  }),
  RestoreBackup: commandHandler({
    ...restoreAggregate, schema: s.restoreBackupSchema,
    description: 'Restore a backup onto its instance (202: a saga takes a pre-restore backup, restores beside, verifies, swaps).',
    toCommand: (data, metadata, newId): RestoreCommand => ({
      type: 'RestoreBackup', data: { ...data, restoreId: data.restoreId ?? newId(), requestedBy: metadata.actor },
    }),
    async precondition(command, store) {
      const { instanceId } = command.data as { instanceId: string };
      const pending = await pendingInstanceOperation(store, instanceId);
      if (pending) throw new DomainError('operation-in-progress', `Cannot restore instance ${instanceId}: a ${pending} is still in progress`);
    },
  }),
  RecordRestoreCompleted: commandHandler({
    ...restoreAggregate, schema: s.recordRestoreCompletedSchema, description: 'Saga report: the restore is done (internal).',
    toCommand: (data): RestoreCommand => ({ type: 'RecordRestoreCompleted', data }),
  }),
  RecordRestoreFailed: commandHandler({
    ...restoreAggregate, schema: s.recordRestoreFailedSchema, description: 'Saga report: the restore failed; the old data is back (internal).',
    toCommand: (data): RestoreCommand => ({ type: 'RecordRestoreFailed', data }),
  }),
};
