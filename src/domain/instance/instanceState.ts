import type { InstanceOperation, InstanceSpec } from './instanceCommands';
import type { InstancePlanName } from './instancePlans';
import type { InstanceUsageLevel } from './usageLevel';

export type InstanceStatus = 'provisioning' | 'running' | 'stopped' | 'failed' | 'deleting' | 'deleted';
export type InstanceHealth = 'unknown' | 'healthy' | 'unhealthy' | 'crashed';

export type InstanceState =
  | { status: 'absent' }
  | (InstanceSpec & {
      status: InstanceStatus;
      description: string;
      /** A lifecycle or restore saga in flight; a second one is refused until it reports back. */
      pendingOperation: Exclude<InstanceOperation, 'delete'> | 'restore' | 'backup' | null;
      /** The restore holding the instance while pendingOperation is 'restore'. */
      pendingRestoreId: string | null;
      /** The consistent backup holding the instance while pendingOperation is 'backup'. */
      pendingBackupId: string | null;
      /** The plan a resize in flight moves to. */
      requestedPlan: InstancePlanName | null;
      health: InstanceHealth;
      /** Disk use against the plan's quota, as last measured. */
      usage: InstanceUsageLevel;
    });

export type ExistingInstance = Exclude<InstanceState, { status: 'absent' }>;

export function initialState(): InstanceState {
  return { status: 'absent' };
}
