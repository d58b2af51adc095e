import type { BackupEvent } from './backupEvents';
import type { BackupState } from './backupState';

export function evolveBackup(state: BackupState, event: BackupEvent): BackupState {
  if (event.type === 'BackupStarted') return { ...event.data, status: 'started', manifest: null, verifications: [] };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'BackupCompleted':
      return { ...state, status: 'completed', manifest: event.data.manifest };
    case 'BackupFailed':
      return { ...state, status: 'failed' };
    case 'BackupVerified':
    case 'BackupVerificationFailed':
      return { ...state, verifications: [...state.verifications, event.data.verificationId] };
    case 'BackupPruned':
      return { ...state, status: 'pruned' };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
