import { DomainError } from '../shared/decider';
import type { BackupPolicyCommand } from './backupPolicyCommands';
import type { BackupPolicyEvent } from './backupPolicyEvents';
import { backupPolicyProblem, type BackupPolicySettings } from './backupPolicyRules';
import type { BackupPolicyState } from './backupPolicyState';

const sameSettings = (a: BackupPolicySettings, b: BackupPolicySettings) =>
  a.enabled === b.enabled && a.hour === b.hour && a.timeZone === b.timeZone
  && JSON.stringify(a.retention) === JSON.stringify(b.retention);

/** A policy is replaced whole (PUT semantics); setting what is already in force is not news. The
 * tenant is part of the comparison: the read model only honours a policy of the instance's own
 * tenant, so an event naming another one must not hide the owner's next, identical, command. */
export function decideBackupPolicy(command: BackupPolicyCommand, state: BackupPolicyState): BackupPolicyEvent[] {
  switch (command.type) {
    case 'SetBackupPolicy': {
      const { instanceId, tenantId, setBy, enabled, hour, timeZone, retention } = command.data;
      const settings = { enabled, hour, timeZone, retention: retention ? { daily: retention.daily, weekly: retention.weekly, monthly: retention.monthly } : null };
      const problem = backupPolicyProblem(settings);
      if (problem) throw new DomainError('invalid-backup-policy', problem);
      if (state.status === 'set' && state.tenantId === tenantId && sameSettings(state, settings)) return [];
      return [{ type: 'BackupPolicyChanged', data: { instanceId, tenantId, ...settings, changedBy: setBy } }];
    }
    default: {
      const unknownCommand: never = command.type;
      return unknownCommand;
    }
  }
}
