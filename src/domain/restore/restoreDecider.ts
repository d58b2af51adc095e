import type { InstancePlanName } from '../instance/instancePlans';
import { NotFoundError, type Decider } from '../shared/decider';

// Stream `restore-<restoreId>`: one restore of a backup onto an instance (the saga does the work).
export interface RestoreRequest {
  restoreId: string;
  backupId: string;
  /** The instance whose data is replaced: the backup's own, another instance of the same tenant, or
   * (with `clone`) a new instance the saga provisions first under this id. */
  instanceId: string;
  tenantId: string;
  requestedBy: string;
  /** Restore into a new instance (a clone of the backup's), absent for a restore in place. */
  clone?: CloneSpec;
}

export interface CloneSpec {
  name: string;
  subdomain: string;
  /** The source instance's plan when absent. */
  plan?: InstancePlanName;
}

export type RestoreCommand =
  | { type: 'RestoreBackup'; data: RestoreRequest }
  | { type: 'RecordRestoreCompleted'; data: { restoreId: string; preRestoreBackupId: string; durationMs: number } }
  | { type: 'RecordRestoreFailed'; data: { restoreId: string; reason: string; failedStep: string } };

export type RestoreEvent =
  | { type: 'RestoreRequested'; data: RestoreRequest }
  | { type: 'RestoreCompleted'; data: { restoreId: string; backupId: string; instanceId: string; tenantId: string; preRestoreBackupId: string; durationMs: number } }
  | { type: 'RestoreFailed'; data: { restoreId: string; backupId: string; instanceId: string; tenantId: string; reason: string; failedStep: string } };

export const restoreEventTypes = ['RestoreRequested', 'RestoreCompleted', 'RestoreFailed'] as const satisfies readonly RestoreEvent['type'][];

export type RestoreState = { status: 'absent' } | (RestoreRequest & { status: 'requested' | 'completed' | 'failed' });

export const restoreDecider: Decider<RestoreState, RestoreCommand, RestoreEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide(command, state) {
    if (command.type === 'RestoreBackup') return state.status === 'absent' ? [{ type: 'RestoreRequested', data: { ...command.data } }] : [];
    if (state.status === 'absent') throw new NotFoundError('Restore', command.data.restoreId);
    if (state.status !== 'requested') return [];
    const ref = { restoreId: state.restoreId, backupId: state.backupId, instanceId: state.instanceId, tenantId: state.tenantId };
    return command.type === 'RecordRestoreCompleted'
      ? [{ type: 'RestoreCompleted', data: { ...ref, preRestoreBackupId: command.data.preRestoreBackupId, durationMs: command.data.durationMs } }]
      : [{ type: 'RestoreFailed', data: { ...ref, reason: command.data.reason, failedStep: command.data.failedStep } }];
  },
  evolve(state, event) {
    switch (event.type) {
      case 'RestoreRequested':
        return { ...event.data, status: 'requested' };
      case 'RestoreCompleted':
        return state.status === 'absent' ? state : { ...state, status: 'completed' };
      case 'RestoreFailed':
        return state.status === 'absent' ? state : { ...state, status: 'failed' };
      default: {
        const unknownEvent: never = event;
        return unknownEvent;
      }
    }
  },
};
