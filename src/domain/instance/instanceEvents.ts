import type { InstanceSpec } from './instanceCommands';
import type { InstancePlanName } from './instancePlans';
import type { InstanceUsageLevel } from './usageLevel';

// Facts in past tense. None carries a secret: the database password lives encrypted in the
// secrets table and sagas refer to it by reference only.
export type InstanceProvisioningRequested = { type: 'InstanceProvisioningRequested'; data: InstanceSpec & { requestedBy: string } };
export type InstanceProvisioned = {
  type: 'InstanceProvisioned';
  /** adminLogin: Odoo's administrator (its password only in the secrets table); serverVersion: what Odoo reports. */
  data: { instanceId: string; url: string; containerName: string; databaseName: string; adminLogin?: string; serverVersion?: string };
};
export type InstanceProvisioningFailed = { type: 'InstanceProvisioningFailed'; data: { instanceId: string; reason: string; failedStep: string } };
export type InstanceStartRequested = { type: 'InstanceStartRequested'; data: { instanceId: string } };
export type InstanceStarted = { type: 'InstanceStarted'; data: { instanceId: string } };
export type InstanceStopRequested = { type: 'InstanceStopRequested'; data: { instanceId: string } };
export type InstanceStopped = { type: 'InstanceStopped'; data: { instanceId: string } };
export type InstanceRestartRequested = { type: 'InstanceRestartRequested'; data: { instanceId: string } };
export type InstanceRestarted = { type: 'InstanceRestarted'; data: { instanceId: string } };
export type InstanceResizeRequested = { type: 'InstanceResizeRequested'; data: { instanceId: string; plan: InstancePlanName; previousPlan: InstancePlanName } };
export type InstanceResized = { type: 'InstanceResized'; data: { instanceId: string; plan: InstancePlanName } };
export type InstanceOperationFailed = { type: 'InstanceOperationFailed'; data: { instanceId: string; operation: string; reason: string } };
export type InstanceUpdated = { type: 'InstanceUpdated'; data: { instanceId: string; name?: string; description?: string } };
export type InstanceDeletionRequested = { type: 'InstanceDeletionRequested'; data: { instanceId: string; gracePeriodSeconds: number; reason: string } };
export type InstanceDeleted = { type: 'InstanceDeleted'; data: { instanceId: string } };
export type InstanceBecameUnhealthy = { type: 'InstanceBecameUnhealthy'; data: { instanceId: string; detail: string } };
export type InstanceRecovered = { type: 'InstanceRecovered'; data: { instanceId: string; detail: string } };
export type InstanceCrashed = { type: 'InstanceCrashed'; data: { instanceId: string; detail: string; exitCode: number | null; oomKilled: boolean } };
export type InstanceRestoreStarted = { type: 'InstanceRestoreStarted'; data: { instanceId: string; restoreId: string; backupId: string } };
export type InstanceRestored = { type: 'InstanceRestored'; data: { instanceId: string; restoreId: string } };
export type InstanceBackupHoldStarted = { type: 'InstanceBackupHoldStarted'; data: { instanceId: string; backupId: string } };
export type InstanceBackupHoldReleased = { type: 'InstanceBackupHoldReleased'; data: { instanceId: string; backupId: string } };
/** Disk use crossed a threshold of the plan's quota (80 % = nearQuota, 100 % = overQuota) or came back
 * under it: recorded only when the level changes, so a steady instance costs no events. */
export type InstanceUsageLevelChanged = {
  type: 'InstanceUsageLevelChanged';
  data: { instanceId: string; level: InstanceUsageLevel; previousLevel: InstanceUsageLevel; usedBytes: number; quotaBytes: number };
};
export type InstanceAdminCredentialsRevealed = { type: 'InstanceAdminCredentialsRevealed'; data: { instanceId: string } };
export type InstanceAdminPasswordRotated = { type: 'InstanceAdminPasswordRotated'; data: { instanceId: string } };
export type InstanceRestoreFailed = { type: 'InstanceRestoreFailed'; data: { instanceId: string; restoreId: string; reason: string } };

export type InstanceEvent =
  | InstanceProvisioningRequested | InstanceProvisioned | InstanceProvisioningFailed
  | InstanceStartRequested | InstanceStarted | InstanceStopRequested | InstanceStopped
  | InstanceRestartRequested | InstanceRestarted | InstanceResizeRequested | InstanceResized
  | InstanceOperationFailed | InstanceUpdated | InstanceDeletionRequested | InstanceDeleted
  | InstanceBecameUnhealthy | InstanceRecovered | InstanceCrashed
  | InstanceRestoreStarted | InstanceRestored | InstanceRestoreFailed
  | InstanceAdminCredentialsRevealed | InstanceAdminPasswordRotated
  | InstanceBackupHoldStarted | InstanceBackupHoldReleased | InstanceUsageLevelChanged;

export const instanceEventTypes = [
  'InstanceProvisioningRequested', 'InstanceProvisioned', 'InstanceProvisioningFailed',
  'InstanceStartRequested', 'InstanceStarted', 'InstanceStopRequested', 'InstanceStopped',
  'InstanceRestartRequested', 'InstanceRestarted', 'InstanceResizeRequested', 'InstanceResized',
  'InstanceOperationFailed', 'InstanceUpdated', 'InstanceDeletionRequested', 'InstanceDeleted',
  'InstanceBecameUnhealthy', 'InstanceRecovered', 'InstanceCrashed',
  'InstanceRestoreStarted', 'InstanceRestored', 'InstanceRestoreFailed',
  'InstanceAdminCredentialsRevealed', 'InstanceAdminPasswordRotated',
  'InstanceBackupHoldStarted', 'InstanceBackupHoldReleased', 'InstanceUsageLevelChanged',
] as const satisfies readonly InstanceEvent['type'][];
