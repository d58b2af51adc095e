import { v7 } from 'uuid';
import { z } from 'zod';
import type { HandleCommand } from '../../../commands/handleCommand';
import { backupPolicySettingsSchema } from '../../../commands/backupPolicyCommandSchemas';
import type { Principal } from '../../../domain/authorization/principal';
import type { TenantPermission } from '../../../domain/authorization/tenantPermissions';
import { NotFoundError } from '../../../domain/shared/decider';
import type { BackupPolicyQueries } from '../../../projections/backupPolicies/queryBackupPolicies';
import { apiRoute } from '../apiRoute';
import { commandReply } from './commandReply';

export interface BackupPolicyRouteDeps {
  handleCommand: HandleCommand;
  policies: Pick<BackupPolicyQueries, 'effectivePolicy'>;
  /** From the instance's own stream (no read-model lag), null when unknown. */
  tenantOfInstance(instanceId: string): Promise<string | null>;
  authorizeTenant(principal: Principal, tenantId: string, permission: TenantPermission): Promise<void>;
  /** Read-your-writes: the policies and instances read models have passed the position. */
  waitForPolicies(minPosition: string): Promise<void>;
}

const instanceParams = z.strictObject({ instanceId: z.uuid({ message: 'must be a UUID' }) });

/** An instance's backup policy (issue 7 §4): daily at the tenant's hour in its time zone, GFS
 * retention (null = the plan's). Unknown or someone else's instance = 404, as the backup routes. */
export function backupPolicyRoutes(deps: BackupPolicyRouteDeps) {
  const tenantOf = async (instanceId: string, principal: Principal, permission: TenantPermission) => {
    const tenantId = await deps.tenantOfInstance(instanceId);
    if (!tenantId) throw new NotFoundError('Instance', instanceId);
    await deps.authorizeTenant(principal, tenantId, permission);
    return tenantId;
  };

  return [
    apiRoute({
      method: 'get', path: '/api/v1/instances/:instanceId/backup-policy', operationId: 'getBackupPolicy', tag: 'backups',
      summary: "The backup policy in force (the tenant's, or the defaults: daily at the platform's hour, the plan's retention) and where each part comes from.",
      params: instanceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'The effective backup policy' },
      async handle(input) {
        const { instanceId } = input.params;
        await tenantOf(instanceId, input.context.principal, 'backups:read');
        if (input.minPosition) await deps.waitForPolicies(input.minPosition);
        const policy = await deps.policies.effectivePolicy(instanceId);
        if (!policy) throw new NotFoundError('Instance', instanceId);
        return { status: 200, body: policy };
      },
    }),
    apiRoute({
      method: 'put', path: '/api/v1/instances/:instanceId/backup-policy', operationId: 'putBackupPolicy', tag: 'backups',
      summary: 'Set the backup policy: {enabled, hour (0-23), timeZone (IANA), retention: {daily, weekly, monthly} | null = the plan\'s} (202).',
      params: instanceParams, body: backupPolicySettingsSchema, authorize: () => ({ kind: 'signedIn' }), responses: { 202: 'Policy accepted' },
      async handle(input) {
        const { instanceId } = input.params;
        const tenantId = await tenantOf(instanceId, input.context.principal, 'backups:manage');
        const result = await deps.handleCommand({
          type: 'SetBackupPolicy', data: { ...input.body, instanceId, tenantId },
          metadata: { commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId, tenantId },
        });
        return { status: 202, body: commandReply(result) };
      },
    }),
  ];
}
