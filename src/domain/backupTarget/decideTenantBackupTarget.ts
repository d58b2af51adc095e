import { NotFoundError } from '../shared/decider';
import type { SetTenantBackupTarget, TenantBackupTargetCommand } from './tenantBackupTargetCommands';
import type { TenantBackupTargetEvent } from './tenantBackupTargetEvents';
import type { TenantBackupTargetState } from './tenantBackupTargetState';

/** Setting replaces any earlier target (the same settings again are not news); removing needs a
 * target; copy reports are facts of what a backup did and are always recorded (the saga's
 * deterministic commandId makes a resumed report a no-op). */
export function decideTenantBackupTarget(command: TenantBackupTargetCommand, state: TenantBackupTargetState): TenantBackupTargetEvent[] {
  switch (command.type) {
    case 'SetTenantBackupTarget': {
      if (state.status === 'set' && sameTarget(state, command.data)) return [];
      return [{ type: 'TenantBackupTargetSet', data: { ...command.data } }];
    }
    case 'RemoveTenantBackupTarget':
      if (state.status !== 'set') throw new NotFoundError('Backup target of tenant', command.data.tenantId);
      return [{ type: 'TenantBackupTargetRemoved', data: { tenantId: state.tenantId, credentialsRef: state.credentialsRef, removedBy: command.data.removedBy } }];
    case 'RecordBackupCopiedOffsite':
      return [{ type: 'BackupCopiedOffsite', data: { ...command.data } }];
    case 'RecordBackupOffsiteCopyFailed':
      return [{ type: 'BackupOffsiteCopyFailed', data: { ...command.data } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

function sameTarget(state: Extract<TenantBackupTargetState, { status: 'set' }>, data: SetTenantBackupTarget['data']): boolean {
  const fields = ['endpoint', 'region', 'bucket', 'prefix', 'forcePathStyle', 'credentialsRef'] as const;
  return fields.every((field) => state[field] === data[field]);
}
