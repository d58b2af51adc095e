import { Readable } from 'node:stream';
import { v7 } from 'uuid';
import { z } from 'zod';
import type { HandleCommand } from '../../../commands/handleCommand';
import { deleteInstanceSchema, instanceNameSchema, planSchema, provisionInstanceRequestSchema } from '../../../commands/instanceCommandSchemas';
import type { TenantPermission } from '../../../domain/authorization/tenantPermissions';
import type { Principal } from '../../../domain/authorization/principal';
import { DomainError, NotFoundError } from '../../../domain/shared/decider';
import type { BackupHealth } from '../../../projections/backups/backupHealth';
import type { InstanceView } from '../../../projections/instances/queryInstances';
import type { SagaView } from '../../../projections/sagas/sagaView';
import { checkInstanceQuota, type InstanceQuota } from '../../authorization/instanceQuota';
import { apiRoute, type RouteInput } from '../apiRoute';
import { HttpError, RequestValidationError } from '../httpErrors';
import { commandReply } from './commandReply';
import { unavailablePage } from '../../../ports/unavailablePage';
import type { InstanceAdminCredentials } from '../../../commands/instanceAdminCredentials';
import { instanceCategory } from '../../../domain/instance/instanceStream';
import { idOfStream } from '../../../domain/shared/streamNames';

export interface InstanceStatusSources {
  /** What Docker says now (null when the container is absent). */
  observe(instanceId: string): Promise<{ running: boolean; status: string; oomKilled: boolean; exitCode: number; restartCount: number; limits: { memoryBytes: number; nanoCpus: number } } | null>;
  /** The instance's unfinished sagas. */
  runningSagas(instanceId: string): Promise<SagaView[]>;
  /** CPU and memory in use now (engine stats); null when not running or without the engine. */
  resources?(instanceId: string): Promise<{ cpuPercent: number; memoryBytes: number; memoryLimitBytes: number } | null>;
  /** The usage meter's latest disk measurement. */
  usage?(instanceId: string): Promise<{ databaseBytes: number; volumeBytes: number; quotaBytes: number; measuredAt: Date } | null>;
}

export interface InstanceRouteDeps {
  handleCommand: HandleCommand;
  instances: { get(instanceId: string): Promise<InstanceView | null>; list(tenantId: string): Promise<InstanceView[]> };
  /** The instance's tenant from its own stream (authoritative, never a lagging read model). */
  tenantOfInstance(instanceId: string): Promise<string | null>;
  /** The policy check for a tenant (identity's authorizer.authorize). */
  authorizeTenant(principal: Principal, tenantId: string, permission: TenantPermission): Promise<void>;
  waitForInstancesProjection(minPosition: string): Promise<void>;
  status: InstanceStatusSources;
  /** Backup health from the backup catalogue (issue 7); absent when the platform has no backups. */
  backupHealth?(instanceId: string): Promise<BackupHealth>;
  /** The Odoo administrator's password (secrets table) and its rotation in the running Odoo;
   * absent without the Docker engine. */
  adminCredentials: InstanceAdminCredentials | null;
  instanceQuota: InstanceQuota;
}

const instanceParams = z.strictObject({ instanceId: z.uuid({ message: 'must be a UUID' }) });
const listQuery = z.strictObject({ tenantId: z.uuid({ message: 'must be a UUID' }) });
const updateBody = z.strictObject({ name: instanceNameSchema.optional(), description: z.string().max(1000).optional() })
  .refine((body) => body.name !== undefined || body.description !== undefined, 'give a name or a description');
const deleteBody = deleteInstanceSchema.omit({ instanceId: true }).optional();
const actionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('stop') }),
  z.strictObject({ action: z.literal('restart') }),
  z.strictObject({ action: z.literal('resize'), plan: planSchema }),
]);
const actionCommands = { start: 'StartInstance', stop: 'StopInstance', restart: 'RestartInstance', resize: 'ResizeInstance' } as const;

/** Instances API (issue 6 §8). Routes whose tenant is not in the path authorize as `signedIn` and
 * then check the tenant themselves once they know it (from the body or the instance's stream). */
export function instanceRoutes(deps: InstanceRouteDeps) {
  const send = (input: RouteInput<unknown, unknown, unknown>, type: string, data: unknown, tenantId: string) =>
    deps.handleCommand({
      type, data,
      metadata: { commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId, tenantId },
    });
  const authorizedTenantOf = async (input: RouteInput<{ instanceId: string }, unknown, unknown>, permission: TenantPermission) => {
    const tenantId = await deps.tenantOfInstance(input.params.instanceId);
    if (!tenantId) throw new NotFoundError('Instance', input.params.instanceId);
    await deps.authorizeTenant(input.context.principal, tenantId, permission);
    return tenantId;
  };
  const readAfter = async (minPosition: string | undefined) => {
    if (minPosition) await deps.waitForInstancesProjection(minPosition);
  };
  const accepted = (instanceId: string, result: Awaited<ReturnType<HandleCommand>>) =>
    ({ status: 202, body: { instanceId, ...commandReply(result) }, headers: { Location: `/api/v1/instances/${instanceId}/status` } });

  return [
    apiRoute({
      // Traefik drops a stopped container's route with its labels: the compose stack's catch-all
      // router for instance hosts sends those requests here (docker-compose.yml), so the address
      // answers a page instead of nothing. Caddy serves the exact state itself (showUnavailable).
      method: 'get', path: '/instance-unavailable', operationId: 'instanceUnavailablePage', tag: 'instances',
      summary: 'The page an instance address shows while the instance is not running (HTML, 503).',
      authorize: () => ({ kind: 'public' }), responses: { 503: 'The page' },
      async handle() {
        const page = unavailablePage('unavailable');
        return { status: page.status, stream: Readable.from([page.html]), headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/instances', operationId: 'provisionInstance', tag: 'instances',
      summary: 'Ask for a new Odoo instance. 202: a saga provisions it; follow /status. 403 quota-exceeded beyond INSTANCES_PER_TENANT_MAX.',
      body: provisionInstanceRequestSchema, authorize: () => ({ kind: 'signedIn' }),
      responses: { 202: 'Provisioning accepted' },
      async handle(input) {
        const { principal } = input.context;
        await deps.authorizeTenant(principal, input.body.tenantId, 'instances:manage');
        await checkInstanceQuota(deps.instanceQuota, principal, input.body.tenantId);
        const result = await send(input, 'ProvisionInstance', input.body, input.body.tenantId);
        return accepted(idOfStream(instanceCategory, result.streamName), result);
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/instances', operationId: 'listInstances', tag: 'instances',
      summary: 'A tenant\'s instances.', query: listQuery, authorize: () => ({ kind: 'signedIn' }),
      responses: { 200: 'The instances' },
      async handle(input) {
        await deps.authorizeTenant(input.context.principal, input.query.tenantId, 'instances:read');
        await readAfter(input.minPosition);
        return { status: 200, body: { items: await deps.instances.list(input.query.tenantId) } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/instances/:instanceId', operationId: 'getInstance', tag: 'instances',
      summary: 'One instance.', params: instanceParams, authorize: () => ({ kind: 'signedIn' }),
      responses: { 200: 'The instance' },
      async handle(input) {
        await authorizedTenantOf(input, 'instances:read');
        await readAfter(input.minPosition);
        const instance = await deps.instances.get(input.params.instanceId);
        if (!instance) throw new NotFoundError('Instance', input.params.instanceId);
        return { status: 200, body: instance };
      },
    }),
    apiRoute({
      method: 'put', path: '/api/v1/instances/:instanceId', operationId: 'updateInstance', tag: 'instances',
      summary: 'Change name or description.', params: instanceParams, body: updateBody, authorize: () => ({ kind: 'signedIn' }),
      responses: { 200: 'Updated' },
      async handle(input) {
        const tenantId = await authorizedTenantOf(input, 'instances:manage');
        const result = await send(input, 'UpdateInstance', { instanceId: input.params.instanceId, ...input.body }, tenantId);
        return { status: 200, body: { instanceId: input.params.instanceId, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'delete', path: '/api/v1/instances/:instanceId', operationId: 'deleteInstance', tag: 'instances',
      summary: 'Delete an instance; data is destroyed after the grace period (202).', params: instanceParams, body: deleteBody,
      authorize: () => ({ kind: 'signedIn' }), responses: { 202: 'Deletion accepted' },
      async handle(input) {
        const tenantId = await authorizedTenantOf(input, 'instances:manage');
        const data = deleteInstanceSchema.parse({ instanceId: input.params.instanceId, ...(input.body ?? {}) });
        return accepted(input.params.instanceId, await send(input, 'DeleteInstance', data, tenantId));
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/instances/:instanceId/actions', operationId: 'instanceAction', tag: 'instances',
      summary: 'start | stop | restart | resize (with plan). 202: a saga carries it out; 409 when not allowed now.',
      params: instanceParams, body: actionBody, authorize: () => ({ kind: 'signedIn' }), responses: { 202: 'Action accepted' },
      async handle(input) {
        const tenantId = await authorizedTenantOf(input, 'instances:manage');
        const { action } = input.body;
        const data = input.body.action === 'resize' ? { instanceId: input.params.instanceId, plan: input.body.plan } : { instanceId: input.params.instanceId };
        if (!(action in actionCommands)) throw new RequestValidationError('body', [{ path: 'action', message: 'unknown action' }]);
        return accepted(input.params.instanceId, await send(input, actionCommands[action], data, tenantId));
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/instances/:instanceId/admin-credentials', operationId: 'revealInstanceAdminCredentials', tag: 'instances',
      summary: 'The Odoo administrator\'s login and password (owner or admin; every call is recorded, without the secret).',
      params: instanceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'The credentials' },
      async handle(input) {
        const tenantId = await authorizedTenantOf(input, 'instances:credentials');
        const { instanceId } = input.params;
        // Recorded first: no secret leaves without its audit event (409 unless running or stopped).
        await send(input, 'RevealInstanceAdminCredentials', { instanceId }, tenantId);
        const instance = await deps.instances.get(instanceId);
        const password = await credentialsOf(deps).read(instanceId);
        if (!instance?.adminLogin || password === null) throw new HttpError(503, 'credentials-unavailable', 'Credentials not available', 'the instance\'s administrator credentials are not set yet');
        return { status: 200, body: { instanceId, url: instance.url, login: instance.adminLogin, password }, headers: { 'Cache-Control': 'no-store' } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/instances/:instanceId/admin-credentials/rotate', operationId: 'rotateInstanceAdminPassword', tag: 'instances',
      summary: 'A new password for the Odoo administrator, set in the running Odoo and shown once (owner or admin).',
      params: instanceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'The new credentials' },
      async handle(input) {
        const tenantId = await authorizedTenantOf(input, 'instances:credentials');
        const { instanceId } = input.params;
        const instance = await deps.instances.get(instanceId);
        if (!instance) throw new NotFoundError('Instance', instanceId);
        if (instance.status !== 'running' || !instance.adminLogin) {
          throw new DomainError('invalid-transition', `Cannot rotate the administrator password of instance ${instanceId} while it is ${instance.status}`);
        }
        const password = await credentialsOf(deps).rotate(instanceId, instance.adminLogin);
        await send(input, 'RecordInstanceAdminPasswordRotated', { instanceId }, tenantId);
        return { status: 200, body: { instanceId, url: instance.url, login: instance.adminLogin, password }, headers: { 'Cache-Control': 'no-store' } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/instances/:instanceId/status', operationId: 'instanceStatus', tag: 'instances',
      summary: 'Desired vs actual state, health, limits, URL, and the saga in flight with its step.',
      params: instanceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'The status' },
      async handle(input) {
        await authorizedTenantOf(input, 'instances:read');
        await readAfter(input.minPosition);
        const { instanceId } = input.params;
        const [instance, container, sagas, backups, resources, usage] = await Promise.all([
          deps.instances.get(instanceId), deps.status.observe(instanceId), deps.status.runningSagas(instanceId), deps.backupHealth?.(instanceId) ?? null,
          deps.status.resources?.(instanceId) ?? null, deps.status.usage?.(instanceId) ?? null,
        ]);
        if (!instance) throw new NotFoundError('Instance', instanceId);
        return {
          status: 200,
          body: {
            instanceId, url: instance.url, plan: instance.plan,
            desired: { status: instance.status, pendingOperation: instance.pendingOperation },
            actual: container
              ? { container: container.status, running: container.running, oomKilled: container.oomKilled, exitCode: container.exitCode, restartCount: container.restartCount, limits: container.limits }
              : { container: 'absent', running: false },
            health: { status: instance.health, detail: instance.healthDetail },
            resources,
            usage: {
              level: instance.usageLevel, overQuota: instance.usageLevel === 'overQuota',
              ...(usage ? {
                databaseBytes: usage.databaseBytes, volumeBytes: usage.volumeBytes, usedBytes: usage.databaseBytes + usage.volumeBytes,
                quotaBytes: usage.quotaBytes, measuredAt: usage.measuredAt.toISOString(),
              } : {}),
            },
            failureReason: instance.failureReason,
            backups: backups && { lastCompletedAt: backups.lastCompletedAt, lastVerifiedAt: backups.lastVerifiedAt, lastVerification: backups.lastVerification, consecutiveFailures: backups.failuresSinceSuccess },
            saga: sagas[0]
              // Whether the step failed, never the component's own error text (operators: `sagas show`).
              ? { name: sagas[0].sagaName, id: sagas[0].sagaId, status: sagas[0].status, lastCompletedStep: sagas[0].lastCompletedStep, currentStep: sagas[0].currentStep, attempts: sagas[0].attempts, failing: sagas[0].lastError !== null, retryAt: sagas[0].retryAt }
              : null,
          },
        };
      },
    }),
  ];
}

function credentialsOf(deps: InstanceRouteDeps): InstanceAdminCredentials {
  if (!deps.adminCredentials) throw new HttpError(503, 'credentials-unavailable', 'Credentials not available', 'instance credentials need the Docker engine, which this platform runs without');
  return deps.adminCredentials;
}
