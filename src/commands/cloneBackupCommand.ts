import { v5 } from 'uuid';
import { z } from 'zod';
import type { AccessRequest } from '../domain/authorization/accessRequest';
import { restoreDecider, type RestoreCommand } from '../domain/restore/restoreDecider';
import { commandHandler } from './commandHandlerSpec';
import { instanceNameSchema, planSchema, subdomainSchema } from './instanceCommandSchemas';
import { restoreCategory } from '../domain/restore/restoreStream';

const cloneNamespace = 'c7a1e0d2-5b9f-4f3e-8a61-2d4b7c9e0f13';

/** The new instance of a clone: a function of the restore id, so the saga resumed after a crash
 * provisions the same instance, and the caller learns its id before it exists. */
export function cloneInstanceId(restoreId: string): string {
  return v5(`clone:${restoreId}`, cloneNamespace);
}

export const cloneBackupSchema = z.strictObject({
  restoreId: z.uuid().optional(),
  backupId: z.uuid(),
  tenantId: z.uuid(),
  name: instanceNameSchema,
  subdomain: subdomainSchema,
  plan: planSchema.optional(),
});

/** CloneBackup: a restore (stream `restore-<id>`, saga restoreBackup) whose target is a new instance
 * of the tenant, provisioned by the saga first. Spread into commandHandlers. */
export const cloneBackupCommandHandlers = {
  CloneBackup: commandHandler({
    category: restoreCategory, decider: restoreDecider, aggregateId: (command: RestoreCommand) => command.data.restoreId,
    schema: cloneBackupSchema,
    description: 'Restore a backup into a NEW instance of the same tenant (202: a saga provisions it, then restores into it).',
    toCommand: (data, metadata, newId): RestoreCommand => {
      const restoreId = data.restoreId ?? newId();
      const { name, subdomain, plan } = data;
      return {
        type: 'RestoreBackup',
        data: {
          restoreId, backupId: data.backupId, instanceId: cloneInstanceId(restoreId), tenantId: data.tenantId, requestedBy: metadata.actor,
          clone: { name, subdomain, ...(plan ? { plan } : {}) },
        },
      };
    },
  }),
};

/** A clone is a new instance: the permission to create instances (the route also asks backups:manage). */
export const cloneBackupCommandAccess: Readonly<Record<string, (data: Record<string, unknown>) => AccessRequest>> = {
  CloneBackup: (data) => ({ kind: 'tenant', tenantId: String(data.tenantId), permission: 'instances:manage' }),
};
