import { DomainError, NotFoundError } from '../shared/decider';
import type { BackupCommand } from './backupCommands';
import type { BackupEvent } from './backupEvents';
import type { BackupState } from './backupState';

/** A backup is requested once; the saga reports once (repeated reports are no-ops, so a resumed saga
 * may report again); verification and pruning only apply to a completed backup. */
export function decideBackup(command: BackupCommand, state: BackupState): BackupEvent[] {
  const { backupId } = command.data;
  if (command.type === 'BackupInstance') {
    // The same request again (a scheduler slot fired by two workers) is not news.
    if (state.status !== 'absent') return [];
    return [{ type: 'BackupStarted', data: { ...command.data } }];
  }
  if (state.status === 'absent') throw new NotFoundError('Backup', backupId);
  const ref = { backupId, instanceId: state.instanceId, tenantId: state.tenantId };
  switch (command.type) {
    case 'RecordBackupCompleted':
      return state.status === 'started' ? [{ type: 'BackupCompleted', data: { ...ref, manifest: command.data.manifest } }] : [];
    case 'RecordBackupFailed':
      return state.status === 'started' ? [{ type: 'BackupFailed', data: { ...ref, reason: command.data.reason, failedStep: command.data.failedStep } }] : [];
    case 'RecordBackupVerification': {
      if (state.verifications.includes(command.data.verificationId)) return [];
      if (state.status !== 'completed') throw new DomainError('backup-not-completed', `Backup ${backupId} is ${state.status}`);
      const { verificationId, ok, detail } = command.data;
      return ok
        ? [{ type: 'BackupVerified', data: { ...ref, verificationId, detail } }]
        : [{ type: 'BackupVerificationFailed', data: { ...ref, verificationId, reason: detail } }];
    }
    case 'RecordBackupPruned':
      if (state.status === 'pruned') return [];
      if (state.status === 'started') throw new DomainError('backup-in-progress', `Backup ${backupId} is still running`);
      return [{ type: 'BackupPruned', data: { ...ref, policy: command.data.policy } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}
