import type { BackupPolicyEvent } from './backupPolicyEvents';
import type { BackupPolicyState } from './backupPolicyState';

export function evolveBackupPolicy(state: BackupPolicyState, event: BackupPolicyEvent): BackupPolicyState {
  switch (event.type) {
    case 'BackupPolicyChanged': {
      const { instanceId, tenantId, enabled, hour, timeZone, retention } = event.data;
      return { status: 'set', instanceId, tenantId, enabled, hour, timeZone, retention };
    }
    default: {
      const unknownEvent: never = event.type;
      return unknownEvent;
    }
  }
}
