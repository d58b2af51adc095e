import { DomainError, NotFoundError } from '../shared/decider';
import type { InstanceCommand, InstanceOperation } from './instanceCommands';
import type { InstanceEvent } from './instanceEvents';
import type { ExistingInstance, InstanceState } from './instanceState';
import { subdomainProblem } from './subdomainRules';
import { usageLevel } from './usageLevel';

export function decide(command: InstanceCommand, state: InstanceState): InstanceEvent[] {
  const { instanceId } = command.data;
  if (command.type === 'ProvisionInstance') {
    if (state.status !== 'absent') throw new DomainError('instance-exists', `Instance ${instanceId} already exists`);
    const problem = subdomainProblem(command.data.subdomain);
    if (problem) throw new DomainError('subdomain-invalid', `Subdomain ${problem}`);
    return [{ type: 'InstanceProvisioningRequested', data: { ...command.data } }];
  }
  if (state.status === 'absent') throw new NotFoundError('Instance', instanceId);

  switch (command.type) {
    case 'StartInstance':
      assertIdle(state, 'start');
      if (state.status === 'running') return [];
      assertStatus(state, ['stopped'], 'start');
      return [{ type: 'InstanceStartRequested', data: { instanceId } }];
    case 'StopInstance':
      assertIdle(state, 'stop');
      if (state.status === 'stopped') return [];
      assertStatus(state, ['running'], 'stop');
      return [{ type: 'InstanceStopRequested', data: { instanceId } }];
    case 'RestartInstance':
      assertIdle(state, 'restart');
      assertStatus(state, ['running'], 'restart');
      return [{ type: 'InstanceRestartRequested', data: { instanceId } }];
    case 'ResizeInstance':
      assertIdle(state, 'resize');
      assertStatus(state, ['running', 'stopped'], 'resize');
      if (state.plan === command.data.plan) return [];
      return [{ type: 'InstanceResizeRequested', data: { instanceId, plan: command.data.plan, previousPlan: state.plan } }];
    case 'UpdateInstance': {
      assertStatus(state, ['provisioning', 'running', 'stopped', 'failed'], 'update');
      const { name, description } = command.data;
      const changes = {
        ...(name !== undefined && name !== state.name ? { name } : {}),
        ...(description !== undefined && description !== state.description ? { description } : {}),
      };
      return Object.keys(changes).length === 0 ? [] : [{ type: 'InstanceUpdated', data: { instanceId, ...changes } }];
    }
    case 'DeleteInstance':
      if (state.status === 'deleting') return [];
      assertIdle(state, 'delete');
      assertStatus(state, ['running', 'stopped', 'failed'], 'delete');
      return [{ type: 'InstanceDeletionRequested', data: { ...command.data } }];

    case 'RevealInstanceAdminCredentials':
      assertStatus(state, ['running', 'stopped'], 'reveal the credentials of');
      return [{ type: 'InstanceAdminCredentialsRevealed', data: { instanceId } }];
    case 'RecordInstanceAdminPasswordRotated':
      assertStatus(state, ['running'], 'rotate the administrator password of');
      return [{ type: 'InstanceAdminPasswordRotated', data: { instanceId } }];

    // Reports from sagas and the health watcher: a repeated or late report is a no-op, never an
    // error, so a saga resumed after a crash can safely report again.
    case 'RecordInstanceProvisioned':
      return state.status === 'provisioning' ? [{ type: 'InstanceProvisioned', data: { ...command.data } }] : [];
    case 'RecordInstanceProvisioningFailed':
      return state.status === 'provisioning' ? [{ type: 'InstanceProvisioningFailed', data: { ...command.data } }] : [];
    case 'RecordInstanceOperationCompleted':
      return completionOf(state, command.data.operation);
    case 'RecordInstanceOperationFailed': {
      const { operation, reason } = command.data;
      const pending = operation === 'delete' ? state.status === 'deleting' : state.pendingOperation === operation;
      return pending ? [{ type: 'InstanceOperationFailed', data: { instanceId, operation, reason } }] : [];
    }
    case 'BeginInstanceRestore': {
      const { restoreId, backupId } = command.data;
      if (holdsRestore(state, restoreId)) return [];
      assertIdle(state, 'restore');
      assertStatus(state, ['running', 'stopped'], 'restore');
      return [{ type: 'InstanceRestoreStarted', data: { instanceId, restoreId, backupId } }];
    }
    // Only the restore holding the instance may release it: a refused restore's failure report
    // must not end another one's hold.
    case 'RecordInstanceRestored':
      return holdsRestore(state, command.data.restoreId) ? [{ type: 'InstanceRestored', data: { instanceId, restoreId: command.data.restoreId } }] : [];
    case 'RecordInstanceRestoreFailed': {
      const { restoreId, reason } = command.data;
      return holdsRestore(state, restoreId) ? [{ type: 'InstanceRestoreFailed', data: { instanceId, restoreId, reason } }] : [];
    }
    case 'BeginInstanceBackupHold': {
      const { backupId } = command.data;
      if (state.pendingOperation === 'backup' && state.pendingBackupId === backupId) return [];
      assertIdle(state, 'back up');
      assertStatus(state, ['running', 'stopped'], 'back up');
      return [{ type: 'InstanceBackupHoldStarted', data: { instanceId, backupId } }];
    }
    // Only the backup holding the instance may release it.
    case 'ReleaseInstanceBackupHold': {
      const { backupId } = command.data;
      return state.pendingOperation === 'backup' && state.pendingBackupId === backupId
        ? [{ type: 'InstanceBackupHoldReleased', data: { instanceId, backupId } }] : [];
    }
    case 'RecordInstanceUsage': {
      if (state.status !== 'running' && state.status !== 'stopped') return [];
      const { databaseBytes, volumeBytes, quotaBytes } = command.data;
      const usedBytes = databaseBytes + volumeBytes;
      const level = usageLevel(usedBytes, quotaBytes);
      return level === state.usage ? [] : [{ type: 'InstanceUsageLevelChanged', data: { instanceId, level, previousLevel: state.usage, usedBytes, quotaBytes } }];
    }
    case 'RecordInstanceHealth': {
      // While stopping, starting or restarting, containers go down on purpose: not news.
      if (state.status !== 'running' || (state.pendingOperation !== null && state.pendingOperation !== 'resize')) return [];
      const { health, detail } = command.data;
      if (health === state.health) return [];
      if (health === 'healthy') return [{ type: 'InstanceRecovered', data: { instanceId, detail } }];
      if (health === 'unhealthy') return state.health === 'crashed' ? [] : [{ type: 'InstanceBecameUnhealthy', data: { instanceId, detail } }];
      return [{ type: 'InstanceCrashed', data: { instanceId, detail, exitCode: command.data.exitCode ?? null, oomKilled: command.data.oomKilled ?? false } }];
    }
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

function completionOf(state: ExistingInstance, operation: InstanceOperation): InstanceEvent[] {
  const { instanceId } = state;
  if (operation === 'delete') return state.status === 'deleting' ? [{ type: 'InstanceDeleted', data: { instanceId } }] : [];
  if (state.pendingOperation !== operation) return [];
  switch (operation) {
    case 'start':
      return [{ type: 'InstanceStarted', data: { instanceId } }];
    case 'stop':
      return [{ type: 'InstanceStopped', data: { instanceId } }];
    case 'restart':
      return [{ type: 'InstanceRestarted', data: { instanceId } }];
    case 'resize':
      return [{ type: 'InstanceResized', data: { instanceId, plan: state.requestedPlan ?? state.plan } }];
    default: {
      const unknownOperation: never = operation;
      return unknownOperation;
    }
  }
}

function holdsRestore(state: ExistingInstance, restoreId: string): boolean {
  return state.pendingOperation === 'restore' && state.pendingRestoreId === restoreId;
}

function assertIdle(state: ExistingInstance, action: string): void {
  if (state.status === 'deleted') throw new DomainError('instance-deleted', `Instance ${state.instanceId} is deleted`);
  if (state.pendingOperation) {
    throw new DomainError('operation-in-progress', `Cannot ${action} instance ${state.instanceId}: a ${state.pendingOperation} is still in progress`);
  }
}

function assertStatus(state: ExistingInstance, allowed: ExistingInstance['status'][], action: string): void {
  if (state.status === 'deleted') throw new DomainError('instance-deleted', `Instance ${state.instanceId} is deleted`);
  if (!allowed.includes(state.status)) {
    throw new DomainError('invalid-transition', `Cannot ${action} instance ${state.instanceId} while it is ${state.status}`);
  }
}
