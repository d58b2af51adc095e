import type { TenantBackupTargetCommand } from '../domain/backupTarget/tenantBackupTargetCommands';
import { tenantBackupTargetDecider } from '../domain/backupTarget/tenantBackupTargetDecider';
import { commandHandler } from './commandHandlerSpec';
import * as s from './tenantBackupTargetCommandSchemas';
import { backupTargetCategory } from '../domain/backupTarget/backupTargetStream';

const targetAggregate = {
  category: backupTargetCategory, decider: tenantBackupTargetDecider,
  aggregateId: (command: TenantBackupTargetCommand) => command.data.tenantId,
};

/** A tenant's own off-site backup target (spread into commandHandlers). */
export const tenantBackupTargetCommandHandlers = {
  SetTenantBackupTarget: commandHandler({
    ...targetAggregate, schema: s.setTenantBackupTargetSchema,
    description: 'Set the tenant\'s extra off-site S3 target (internal: only the HTTP route, which verifies and encrypts the credentials, sends it).',
    toCommand: (data, metadata): TenantBackupTargetCommand => ({ type: 'SetTenantBackupTarget', data: { ...data, setBy: metadata.actor } }),
  }),
  RemoveTenantBackupTarget: commandHandler({
    ...targetAggregate, schema: s.removeTenantBackupTargetSchema,
    description: 'Stop copying the tenant\'s backups off-site; its credentials are deleted.',
    toCommand: (data, metadata): TenantBackupTargetCommand => ({ type: 'RemoveTenantBackupTarget', data: { ...data, removedBy: metadata.actor } }),
  }),
  RecordBackupCopiedOffsite: commandHandler({
    ...targetAggregate, schema: s.recordBackupCopiedOffsiteSchema, description: 'Saga report: a backup was copied to the tenant\'s target and verified (internal).',
    toCommand: (data): TenantBackupTargetCommand => ({ type: 'RecordBackupCopiedOffsite', data }),
  }),
  RecordBackupOffsiteCopyFailed: commandHandler({
    ...targetAggregate, schema: s.recordBackupOffsiteCopyFailedSchema, description: 'Saga report: the off-site copy failed; the primary backup stands (internal).',
    toCommand: (data): TenantBackupTargetCommand => ({ type: 'RecordBackupOffsiteCopyFailed', data }),
  }),
};
