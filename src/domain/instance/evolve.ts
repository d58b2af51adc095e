import type { InstanceEvent } from './instanceEvents';
import type { InstanceState } from './instanceState';

export function evolve(state: InstanceState, event: InstanceEvent): InstanceState {
  if (event.type === 'InstanceProvisioningRequested') {
    const { requestedBy: _requestedBy, ...spec } = event.data;
    return {
      ...spec, status: 'provisioning', description: '', pendingOperation: null, pendingRestoreId: null, pendingBackupId: null, requestedPlan: null, health: 'unknown', usage: 'ok',
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'InstanceProvisioned':
      return { ...state, status: 'running', health: 'healthy' };
    case 'InstanceProvisioningFailed':
      return { ...state, status: 'failed' };
    case 'InstanceStartRequested':
      return { ...state, pendingOperation: 'start' };
    case 'InstanceStarted':
      return { ...state, status: 'running', pendingOperation: null, health: 'healthy' };
    case 'InstanceStopRequested':
      return { ...state, pendingOperation: 'stop' };
    case 'InstanceStopped':
      return { ...state, status: 'stopped', pendingOperation: null, health: 'unknown' };
    case 'InstanceRestartRequested':
      return { ...state, pendingOperation: 'restart' };
    case 'InstanceRestarted':
      return { ...state, pendingOperation: null, health: 'healthy' };
    case 'InstanceResizeRequested':
      return { ...state, pendingOperation: 'resize', requestedPlan: event.data.plan };
    case 'InstanceResized':
      return { ...state, plan: event.data.plan, pendingOperation: null, requestedPlan: null };
    case 'InstanceOperationFailed':
      return { ...state, pendingOperation: null, requestedPlan: null };
    case 'InstanceUpdated':
      return { ...state, name: event.data.name ?? state.name, description: event.data.description ?? state.description };
    case 'InstanceDeletionRequested':
      return { ...state, status: 'deleting', pendingOperation: null };
    case 'InstanceDeleted':
      return { ...state, status: 'deleted' };
    case 'InstanceRestoreStarted':
      return { ...state, pendingOperation: 'restore', pendingRestoreId: event.data.restoreId };
    case 'InstanceRestored':
    case 'InstanceRestoreFailed':
      return { ...state, pendingOperation: null, pendingRestoreId: null };
    case 'InstanceBecameUnhealthy':
      return { ...state, health: 'unhealthy' };
    case 'InstanceRecovered':
      return { ...state, health: 'healthy' };
    case 'InstanceCrashed':
      return { ...state, health: 'crashed' };
    case 'InstanceUsageLevelChanged':
      return { ...state, usage: event.data.level };
    case 'InstanceBackupHoldStarted':
      return { ...state, pendingOperation: 'backup', pendingBackupId: event.data.backupId };
    case 'InstanceBackupHoldReleased':
      return { ...state, pendingOperation: null, pendingBackupId: null };
    case 'InstanceAdminCredentialsRevealed':
    case 'InstanceAdminPasswordRotated':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
