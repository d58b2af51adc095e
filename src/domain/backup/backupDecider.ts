import type { Decider } from '../shared/decider';
import type { BackupCommand } from './backupCommands';
import type { BackupEvent } from './backupEvents';
import { decideBackup } from './decideBackup';
import { evolveBackup } from './evolveBackup';
import { initialBackupState, type BackupState } from './backupState';

export const backupDecider: Decider<BackupState, BackupCommand, BackupEvent> = {
  initialState: initialBackupState, decide: decideBackup, evolve: evolveBackup,
};
