import type { Decider } from '../shared/decider';
import type { BackupPolicyCommand } from './backupPolicyCommands';
import type { BackupPolicyEvent } from './backupPolicyEvents';
import { initialBackupPolicyState, type BackupPolicyState } from './backupPolicyState';
import { decideBackupPolicy } from './decideBackupPolicy';
import { evolveBackupPolicy } from './evolveBackupPolicy';

export const backupPolicyDecider: Decider<BackupPolicyState, BackupPolicyCommand, BackupPolicyEvent> = {
  initialState: initialBackupPolicyState, decide: decideBackupPolicy, evolve: evolveBackupPolicy,
};
