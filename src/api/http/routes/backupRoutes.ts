import { v7 } from 'uuid';
import { z } from 'zod';
import type { BackupStorage } from '../../../ports/backupStorage';
import type { HandleCommand } from '../../../commands/handleCommand';
import { cloneBackupSchema, cloneInstanceId } from '../../../commands/cloneBackupCommand';
import { backupModes } from '../../../domain/backup/backupManifest';
import type { Principal } from '../../../domain/authorization/principal';
import type { TenantPermission } from '../../../domain/authorization/tenantPermissions';
import { NotFoundError } from '../../../domain/shared/decider';
import type { BackupQueries, BackupView } from '../../../projections/backups/queryBackups';
import { backupObjectKeys } from '../../../sagas/backups/backupObjectKeys';
import { apiRoute, type RouteInput } from '../apiRoute';
import { commandReply } from './commandReply';
import { backupCategory } from '../../../domain/backup/backupStream';
import { idOfStream } from '../../../domain/shared/streamNames';
import { restoreCategory } from '../../../domain/restore/restoreStream';

export interface BackupRouteDeps {
  handleCommand: HandleCommand;
  backups: BackupQueries;
  storage: BackupStorage;
  /** From the aggregates' own streams (no read-model lag), null when unknown. */
  tenantOfInstance(instanceId: string): Promise<string | null>;
  tenantOfBackup(backupId: string): Promise<string | null>;
  authorizeTenant(principal: Principal, tenantId: string, permission: TenantPermission): Promise<void>;
  waitForBackupsProjection(minPosition: string): Promise<void>;
  /** The instance's operation in flight (its own stream), so a restore is refused at once with 409
   * while another runs; the restore saga's hold on the instance stays the authority. */
}

const instanceParams = z.strictObject({ instanceId: z.uuid({ message: 'must be a UUID' }) });
const backupParams = z.strictObject({ backupId: z.uuid({ message: 'must be a UUID' }) });
const downloadParams = backupParams.extend({ part: z.enum(['database', 'volume', 'manifest']) });
const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  includePruned: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
const backupBody = z.strictObject({ mode: z.enum(backupModes).default('consistent') }).optional();
const cloneBody = cloneBackupSchema.pick({ name: true, subdomain: true, plan: true });

/** Backups API (issue 7). The tenant is not in these paths: routes authorize as `signedIn`, then
 * check the tenant of the instance or backup (unknown or someone else's = 404, ids cannot be probed). */
export function backupRoutes(deps: BackupRouteDeps) {
  const tenantOf = async (lookup: Promise<string | null>, resource: string, id: string, principal: Principal, permission: TenantPermission) => {
    const tenantId = await lookup;
    if (!tenantId) throw new NotFoundError(resource, id);
    await deps.authorizeTenant(principal, tenantId, permission);
    return tenantId;
  };
  const send = (input: RouteInput<unknown, unknown, unknown>, type: string, data: object, tenantId: string) => deps.handleCommand({
    type, data, metadata: { commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId, tenantId },
  });
  const readAfter = async (minPosition: string | undefined) => {
    if (minPosition) await deps.waitForBackupsProjection(minPosition);
  };
  const completedBackup = async (backupId: string): Promise<BackupView> => {
    const backup = await deps.backups.getBackup(backupId);
    if (!backup || backup.status !== 'completed') throw new NotFoundError('Completed backup', backupId);
    return backup;
  };

  return [
    apiRoute({
      method: 'get', path: '/api/v1/instances/:instanceId/backups', operationId: 'listInstanceBackups', tag: 'backups',
      summary: 'An instance\'s backups, newest first, with its backup health.', params: instanceParams, query: listQuery,
      authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'Backups of the instance' },
      async handle(input) {
        const { instanceId } = input.params;
        await tenantOf(deps.tenantOfInstance(instanceId), 'Instance', instanceId, input.context.principal, 'backups:read');
        await readAfter(input.minPosition);
        const [items, health] = await Promise.all([deps.backups.listBackups(instanceId, input.query), deps.backups.backupHealth(instanceId)]);
        return { status: 200, body: { items, health } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/instances/:instanceId/backups', operationId: 'backupInstance', tag: 'backups',
      summary: 'Back up an instance now (202; consistent = stopped during the backup, online = not).', params: instanceParams, body: backupBody,
      authorize: () => ({ kind: 'signedIn' }), responses: { 202: 'Backup accepted' },
      async handle(input) {
        const { instanceId } = input.params;
        const tenantId = await tenantOf(deps.tenantOfInstance(instanceId), 'Instance', instanceId, input.context.principal, 'backups:manage');
        const result = await send(input, 'BackupInstance', { instanceId, tenantId, mode: input.body?.mode ?? 'consistent', trigger: 'manual' }, tenantId);
        const backupId = idOfStream(backupCategory, result.streamName);
        return { status: 202, body: { backupId, ...commandReply(result) }, headers: { Location: `/api/v1/backups/${backupId}` } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/backups/:backupId', operationId: 'getBackup', tag: 'backups',
      summary: 'One backup with its manifest.', params: backupParams,
      authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'The backup' },
      async handle(input) {
        const { backupId } = input.params;
        await tenantOf(deps.tenantOfBackup(backupId), 'Backup', backupId, input.context.principal, 'backups:read');
        await readAfter(input.minPosition);
        const backup = await deps.backups.getBackup(backupId);
        if (!backup) throw new NotFoundError('Backup', backupId);
        return { status: 200, body: backup };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/backups/:backupId/download/:part', operationId: 'downloadBackup', tag: 'backups',
      summary: 'Stream one part of a completed backup (database = pg_dump custom format, volume = tar, manifest = JSON). '
        + 'The database and the volume need backups:download (owners, admins, keys granted it); the manifest backups:read.',
      params: downloadParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'The archive, streamed' },
      async handle(input) {
        const { backupId, part } = input.params;
        const permission = part === 'manifest' ? 'backups:read' : 'backups:download';
        await tenantOf(deps.tenantOfBackup(backupId), 'Backup', backupId, input.context.principal, permission);
        const backup = await completedBackup(backupId);
        const key = backupObjectKeys(backup.instanceId, backupId)[part];
        const size = (await deps.storage.stat(key))?.size;
        const filename = { database: 'database.dump', volume: 'volume.tar', manifest: 'manifest.json' }[part];
        return {
          status: 200, stream: await deps.storage.get(key),
          headers: {
            'Content-Type': part === 'manifest' ? 'application/json' : 'application/octet-stream',
            'Content-Disposition': `attachment; filename="${backupId}-${filename}"`,
            ...(size !== undefined ? { 'Content-Length': String(size) } : {}),
          },
        };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/backups/:backupId/restore', operationId: 'restoreBackup', tag: 'backups',
      summary: 'Restore a completed backup onto its instance (202; a pre-restore backup is taken first).', params: backupParams,
      authorize: () => ({ kind: 'signedIn' }), responses: { 202: 'Restore accepted' },
      async handle(input) {
        const { backupId } = input.params;
        const tenantId = await tenantOf(deps.tenantOfBackup(backupId), 'Backup', backupId, input.context.principal, 'backups:manage');
        const backup = await completedBackup(backupId);
        // A busy instance is refused by the command's precondition (409), as over AMQP.
        const result = await send(input, 'RestoreBackup', { backupId, instanceId: backup.instanceId, tenantId }, tenantId);
        return { status: 202, body: { restoreId: idOfStream(restoreCategory, result.streamName), ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/backups/:backupId/clone', operationId: 'cloneBackup', tag: 'backups',
      summary: 'Restore a completed backup into a NEW instance of the same tenant (202; follow the new instance\'s /status).',
      params: backupParams, body: cloneBody, authorize: () => ({ kind: 'signedIn' }), responses: { 202: 'Clone accepted' },
      async handle(input) {
        const { backupId } = input.params;
        const tenantId = await tenantOf(deps.tenantOfBackup(backupId), 'Backup', backupId, input.context.principal, 'backups:manage');
        await deps.authorizeTenant(input.context.principal, tenantId, 'instances:manage');
        await completedBackup(backupId);
        const result = await send(input, 'CloneBackup', { backupId, tenantId, ...input.body }, tenantId);
        const restoreId = idOfStream(restoreCategory, result.streamName);
        const instanceId = cloneInstanceId(restoreId);
        return { status: 202, body: { restoreId, instanceId, ...commandReply(result) }, headers: { Location: `/api/v1/instances/${instanceId}/status` } };
      },
    }),
  ];
}
