import { z } from 'zod';
import type { AccessRequest } from '../domain/authorization/accessRequest';
import type { InstanceCommand } from '../domain/instance/instanceCommands';
import { instanceDecider } from '../domain/instance/instanceDecider';
import { commandHandler } from './commandHandlerSpec';
import { instanceCategory } from '../domain/instance/instanceStream';

const id = z.uuid();
const instanceAggregate = { category: instanceCategory, decider: instanceDecider, aggregateId: (command: InstanceCommand) => command.data.instanceId };

export const beginInstanceRestoreSchema = z.strictObject({ instanceId: id, restoreId: id, backupId: id });
export const recordInstanceRestoredSchema = z.strictObject({ instanceId: id, restoreId: id });
export const recordInstanceRestoreFailedSchema = z.strictObject({ instanceId: id, restoreId: id, reason: z.string().max(2000) });

/** The restore saga's hold on its instance (spread into commandHandlers): taken first, released by
 * the saga's outcome. All internal: users ask for a restore with RestoreBackup / CloneBackup. */
export const instanceRestoreCommandHandlers = {
  BeginInstanceRestore: commandHandler({
    ...instanceAggregate, schema: beginInstanceRestoreSchema,
    description: 'Restore saga: hold the instance for a restore; refused while another operation runs (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'BeginInstanceRestore', data }),
  }),
  RecordInstanceRestored: commandHandler({
    ...instanceAggregate, schema: recordInstanceRestoredSchema, description: 'Restore saga report: the restore succeeded, the instance is free (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceRestored', data }),
  }),
  RecordInstanceRestoreFailed: commandHandler({
    ...instanceAggregate, schema: recordInstanceRestoreFailedSchema, description: 'Restore saga report: the restore failed and was compensated, the instance is free (internal).',
    toCommand: (data): InstanceCommand => ({ type: 'RecordInstanceRestoreFailed', data }),
  }),
};

const internal = (): AccessRequest => ({ kind: 'internal' });

/** Policy of these commands over an ingress (spread into src/api/authorization/commandAccess). */
export const instanceRestoreCommandAccess: Readonly<Record<string, () => AccessRequest>> = {
  BeginInstanceRestore: internal,
  RecordInstanceRestored: internal,
  RecordInstanceRestoreFailed: internal,
};
