import { v7 } from 'uuid';
import { z } from 'zod';
import type { EventStore } from '../../../ports/eventStore';
import type { BackupTargetCredentials, TenantTargetAccess, TenantTargetLocation } from '../../../ports/tenantBackupTarget';
import type { HandleCommand } from '../../../commands/handleCommand';
import { backupTargetLocationShape } from '../../../commands/tenantBackupTargetCommandSchemas';
import { NotFoundError } from '../../../domain/shared/decider';
import { loadTenantBackupTarget } from '../../../sagas/backups/loadTenantBackupTarget';
import { apiRoute, type RouteInput } from '../apiRoute';
import { HttpError } from '../httpErrors';
import { commandReply } from './commandReply';

export interface BackupTargetRouteDeps {
  handleCommand: HandleCommand;
  store: EventStore;
  credentials: BackupTargetCredentials;
  /** Development and tests may allow http endpoints and private addresses (MinIO, s3rver). */
  targets: TenantTargetAccess;
}

const tenantParams = z.strictObject({ tenantId: z.uuid({ message: 'must be a UUID' }) });
const putBody = z.strictObject({
  endpoint: backupTargetLocationShape.endpoint.optional().transform((v) => v ?? null),
  region: backupTargetLocationShape.region,
  bucket: backupTargetLocationShape.bucket,
  prefix: backupTargetLocationShape.prefix.default(''),
  forcePathStyle: z.boolean().optional(),
  accessKeyId: z.string().trim().min(3).max(128),
  secretAccessKey: z.string().min(8).max(256),
});
// People only (owners and admins): an API key, even one allowed to manage backups, must not be able
// to send the tenant's data somewhere else.
const manage = ({ tenantId }: { tenantId: string }) => ({ kind: 'tenant' as const, tenantId, permission: 'tenant:update' as const });

/** A tenant's own S3 bucket as an extra off-site target (issue 7, docs/decisions/023). The secret
 * access key goes from the body straight to the encrypted secrets table; no answer, event, log line
 * or problem ever carries it. */
export function backupTargetRoutes(deps: BackupTargetRouteDeps) {
  const metadata = (input: RouteInput<unknown, unknown, unknown>, tenantId: string) => ({
    commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId, tenantId,
  });
  const refuse = (detail: string) => new HttpError(400, 'backup-target-rejected', 'Backup target rejected', detail);

  return [
    apiRoute({
      method: 'put', path: '/api/v1/tenants/:tenantId/backup-target', operationId: 'putBackupTarget', tag: 'backups',
      summary: 'Set the tenant\'s own S3 bucket as an extra off-site copy of every backup. The credentials are checked first with a tiny write + delete (400 when they do not work) and stored encrypted; they are never shown again.',
      params: tenantParams, body: putBody, authorize: manage, responses: { 200: 'Target set (without the secret)' },
      async handle(input) {
        const { tenantId } = input.params;
        const { accessKeyId, secretAccessKey, ...rest } = input.body;
        const location: TenantTargetLocation = { ...rest, forcePathStyle: rest.forcePathStyle ?? rest.endpoint !== null };
        const credentials = { accessKeyId, secretAccessKey };
        const endpointProblem = await deps.targets.checkEndpoint(location.endpoint);
        if (endpointProblem) throw refuse(endpointProblem);
        try {
          await deps.targets.verify(location, credentials);
        } catch (error) {
          throw refuse(`The bucket ${location.bucket} could not be written with these credentials: ${deps.targets.describeError(error, credentials)}`);
        }
        const meta = metadata(input, tenantId);
        const credentialsRef = deps.credentials.referenceFor(tenantId, meta.commandId);
        const result = await deps.credentials.withTenantLock(tenantId, async () => {
          await deps.credentials.store(credentialsRef, credentials);
          try {
            return await deps.handleCommand({
              type: 'SetTenantBackupTarget', metadata: meta,
              data: { tenantId, ...location, credentialsRef, accessKeyIdHint: `…${accessKeyId.slice(-4)}` },
            });
          } finally {
            const now = await loadTenantBackupTarget(deps.store, tenantId);
            await deps.credentials.pruneExcept(tenantId, now.status === 'set' ? now.credentialsRef : null);
          }
        });
        return { status: 200, body: { ...view(await loadTenantBackupTarget(deps.store, tenantId)), ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/tenants/:tenantId/backup-target', operationId: 'getBackupTarget', tag: 'backups',
      summary: 'The tenant\'s off-site backup target, without its secret (404 when none is set).',
      params: tenantParams, authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'backups:read' }), responses: { 200: 'The target' },
      async handle(input) {
        const { tenantId } = input.params;
        const state = await loadTenantBackupTarget(deps.store, tenantId);
        if (state.status !== 'set') throw new NotFoundError('Backup target of tenant', tenantId);
        return { status: 200, body: view(state) };
      },
    }),
    apiRoute({
      method: 'delete', path: '/api/v1/tenants/:tenantId/backup-target', operationId: 'deleteBackupTarget', tag: 'backups',
      summary: 'Stop copying backups off-site and delete the stored credentials (copies already made stay in the tenant\'s bucket).',
      params: tenantParams, authorize: manage, responses: { 200: 'Removed' },
      async handle(input) {
        const { tenantId } = input.params;
        const result = await deps.credentials.withTenantLock(tenantId, async () => {
          try {
            return await deps.handleCommand({ type: 'RemoveTenantBackupTarget', data: { tenantId }, metadata: metadata(input, tenantId) });
          } finally {
            const now = await loadTenantBackupTarget(deps.store, tenantId);
            await deps.credentials.pruneExcept(tenantId, now.status === 'set' ? now.credentialsRef : null);
          }
        });
        return { status: 200, body: { tenantId, ...commandReply(result) } };
      },
    }),
  ];
}

function view(state: Awaited<ReturnType<typeof loadTenantBackupTarget>>) {
  if (state.status !== 'set') return { status: 'none' as const };
  const { tenantId, endpoint, region, bucket, prefix, forcePathStyle, accessKeyIdHint, setBy } = state;
  return { tenantId, endpoint, region, bucket, prefix, forcePathStyle, accessKeyIdHint, setBy };
}
