import type { InstanceCommand } from '../domain/instance/instanceCommands';
import { instanceDecider } from '../domain/instance/instanceDecider';
import { commandHandler } from './commandHandlerSpec';
import { refuseWhileBillingHolds } from './refuseWhileBillingHolds';
import * as s from './instanceCommandSchemas';
import { instanceCategory } from '../domain/instance/instanceStream';

const instanceAggregate = {
  category: instanceCategory,
  decider: instanceDecider,
  aggregateId: (command: InstanceCommand) => command.data.instanceId,
};

/** Instance commands. The Record* ones are `internal` (instanceCommandAccess): only sagas and the
 * health watcher report what happened to the real resources. */
export const instanceCommandHandlers = {
  ProvisionInstance: commandHandler({
    ...instanceAggregate, schema: s.provisionInstanceSchema,
    description: 'Create an Odoo instance for a tenant (202: a saga provisions it).',
    toCommand: (data, metadata, newId): InstanceCommand => ({
      type: 'ProvisionInstance',
      data: { ...data, instanceId: data.instanceId ?? newId(), requestedBy: metadata.actor },
    }),
  }),
  StartInstance: commandHandler({
    ...instanceAggregate, schema: s.instanceRefSchema, description: 'Start a stopped instance.',
    toCommand: (data): InstanceCommand => ({ type: 'StartInstance', data }),
    precondition: refuseWhileBillingHolds,
  }),
  StopInstance: commandHandler({
    ...instanceAggregate, schema: s.instanceRefSchema, description: 'Stop a running instance.',
    toCommand: (data): InstanceCommand => ({ type: 'StopInstance', data }),
  }),
  RestartInstance: commandHandler({
    ...instanceAggregate, schema: s.instanceRefSchema, description: 'Restart a running instance.',
    toCommand: (data): InstanceCommand => ({ type: 'RestartInstance', data }),
  }),
  ResizeInstance: commandHandler({
    ...instanceAggregate, schema: s.resizeInstanceSchema, description: 'Move an instance to another plan (live limits update).',
    toCommand: (data): InstanceCommand => ({ type: 'ResizeInstance', data }),
  }),
  UpdateInstance: commandHandler({
    ...instanceAggregate, schema: s.updateInstanceSchema, description: 'Change an instance\'s name or description.',
    toCommand: (data): InstanceCommand => ({ type: 'UpdateInstance', data }),
  }),
  DeleteInstance: commandHandler({
    ...instanceAggregate, schema: s.deleteInstanceSchema, description: 'Delete an instance; its data is destroyed after the grace period.',
    toCommand: (data): InstanceCommand => ({ type: 'DeleteInstance', data }),
  }),
  RevealInstanceAdminCredentials: commandHandler({
    ...instanceAggregate, schema: s.instanceRefSchema, description: 'Audit: an owner or admin read the Odoo administrator credentials (the secret is never in the event).',
    toCommand: (data): InstanceCommand => ({ type: 'RevealInstanceAdminCredentials', data }),
  }),
  RecordInstanceAdminPasswordRotated: commandHandler({
    ...instanceAggregate, schema: s.instanceRefSchema, description: 'Audit: the Odoo administrator password was replaced (internal: the HTTP route does the rotation).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceAdminPasswordRotated', data }),
  }),
  BeginInstanceBackupHold: commandHandler({
    ...instanceAggregate, schema: s.instanceBackupHoldSchema, description: 'Backup saga: a consistent backup holds the instance (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'BeginInstanceBackupHold', data }),
  }),
  ReleaseInstanceBackupHold: commandHandler({
    ...instanceAggregate, schema: s.instanceBackupHoldSchema, description: 'Backup saga: the consistent backup releases the instance (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'ReleaseInstanceBackupHold', data }),
  }),
  RecordInstanceUsage: commandHandler({
    ...instanceAggregate, schema: s.recordInstanceUsageSchema, description: 'Usage meter: disk use against the plan\'s quota; an event only when the level changes (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceUsage', data }),
  }),
  RecordInstanceProvisioned: commandHandler({
    ...instanceAggregate, schema: s.recordInstanceProvisionedSchema, description: 'Saga report: the instance is up (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceProvisioned', data }),
  }),
  RecordInstanceProvisioningFailed: commandHandler({
    ...instanceAggregate, schema: s.recordInstanceProvisioningFailedSchema, description: 'Saga report: provisioning failed and was compensated (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceProvisioningFailed', data }),
  }),
  RecordInstanceOperationCompleted: commandHandler({
    ...instanceAggregate, schema: s.recordInstanceOperationCompletedSchema, description: 'Saga report: a lifecycle operation finished (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceOperationCompleted', data }),
  }),
  RecordInstanceOperationFailed: commandHandler({
    ...instanceAggregate, schema: s.recordInstanceOperationFailedSchema, description: 'Saga report: a lifecycle operation failed (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceOperationFailed', data }),
  }),
  RecordInstanceHealth: commandHandler({
    ...instanceAggregate, schema: s.recordInstanceHealthSchema, description: 'Health watcher report (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceHealth', data }),
  }),
};
