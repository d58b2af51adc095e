import type { TenantBackupTargetEvent } from './tenantBackupTargetEvents';
import type { TenantBackupTargetState } from './tenantBackupTargetState';

export function evolveTenantBackupTarget(state: TenantBackupTargetState, event: TenantBackupTargetEvent): TenantBackupTargetState {
  switch (event.type) {
    case 'TenantBackupTargetSet':
      return { status: 'set', ...event.data };
    case 'TenantBackupTargetRemoved':
      return { status: 'none' };
    case 'BackupCopiedOffsite':
    case 'BackupOffsiteCopyFailed':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
