import type { InstancePlanName } from './instancePlans';

export interface InstanceSpec {
  instanceId: string;
  tenantId: string;
  name: string;
  subdomain: string;
  plan: InstancePlanName;
  odooVersion: string;
  adminEmail: string;
  demoData: boolean;
  language: string;
}

export type ProvisionInstance = { type: 'ProvisionInstance'; data: InstanceSpec & { requestedBy: string } };
export type StartInstance = { type: 'StartInstance'; data: { instanceId: string } };
export type StopInstance = { type: 'StopInstance'; data: { instanceId: string } };
export type RestartInstance = { type: 'RestartInstance'; data: { instanceId: string } };
export type ResizeInstance = { type: 'ResizeInstance'; data: { instanceId: string; plan: InstancePlanName } };
export type UpdateInstance = { type: 'UpdateInstance'; data: { instanceId: string; name?: string; description?: string } };
/** The data stays recoverable for `gracePeriodSeconds`; then the saga destroys it. */
export type DeleteInstance = { type: 'DeleteInstance'; data: { instanceId: string; gracePeriodSeconds: number; reason: string } };

/** The audit record of an owner or admin reading the Odoo administrator's credentials (never the secret). */
export type RevealInstanceAdminCredentials = { type: 'RevealInstanceAdminCredentials'; data: { instanceId: string } };
/** Recorded after the API set a new administrator password in the running Odoo (never the secret). */
export type RecordInstanceAdminPasswordRotated = { type: 'RecordInstanceAdminPasswordRotated'; data: { instanceId: string } };

/** What users (HTTP, AMQP) may ask. */
export type InstanceUserCommand =
  | ProvisionInstance | StartInstance | StopInstance | RestartInstance | ResizeInstance | UpdateInstance | DeleteInstance
  | RevealInstanceAdminCredentials | RecordInstanceAdminPasswordRotated;

// Facts reported by sagas and the health watcher. Internal: no ingress may send them.
export type RecordInstanceProvisioned = {
  type: 'RecordInstanceProvisioned';
  data: { instanceId: string; url: string; containerName: string; databaseName: string; adminLogin?: string; serverVersion?: string };
};
export type RecordInstanceProvisioningFailed = { type: 'RecordInstanceProvisioningFailed'; data: { instanceId: string; reason: string; failedStep: string } };
export type RecordInstanceOperationCompleted = { type: 'RecordInstanceOperationCompleted'; data: { instanceId: string; operation: InstanceOperation } };
export type RecordInstanceOperationFailed = { type: 'RecordInstanceOperationFailed'; data: { instanceId: string; operation: InstanceOperation; reason: string } };
export type RecordInstanceHealth = {
  type: 'RecordInstanceHealth';
  data: { instanceId: string; health: 'healthy' | 'unhealthy' | 'crashed'; detail: string; exitCode?: number; oomKilled?: boolean };
};

export type InstanceOperation = 'start' | 'stop' | 'restart' | 'resize' | 'delete';

// A restore saga holds the instance for its whole run: no other operation (nor a second restore)
// may start until it reports the end, whatever the outcome.
export type BeginInstanceRestore = { type: 'BeginInstanceRestore'; data: { instanceId: string; restoreId: string; backupId: string } };
export type RecordInstanceRestored = { type: 'RecordInstanceRestored'; data: { instanceId: string; restoreId: string } };
export type RecordInstanceRestoreFailed = { type: 'RecordInstanceRestoreFailed'; data: { instanceId: string; restoreId: string; reason: string } };

// A consistent backup stops the instance on purpose: it holds the instance like any operation, so
// nothing else starts meanwhile and its stop is not a crash (issue 12).
export type BeginInstanceBackupHold = { type: 'BeginInstanceBackupHold'; data: { instanceId: string; backupId: string } };
export type ReleaseInstanceBackupHold = { type: 'ReleaseInstanceBackupHold'; data: { instanceId: string; backupId: string } };

/** The usage meter's measurement of an instance's disk (database + data volume) against its plan. */
export type RecordInstanceUsage = {
  type: 'RecordInstanceUsage';
  data: { instanceId: string; databaseBytes: number; volumeBytes: number; quotaBytes: number };
};

export type InstanceSystemCommand =
  | RecordInstanceProvisioned | RecordInstanceProvisioningFailed | RecordInstanceOperationCompleted
  | RecordInstanceOperationFailed | RecordInstanceHealth
  | BeginInstanceRestore | RecordInstanceRestored | RecordInstanceRestoreFailed
  | BeginInstanceBackupHold | ReleaseInstanceBackupHold | RecordInstanceUsage;

export type InstanceCommand = InstanceUserCommand | InstanceSystemCommand;
