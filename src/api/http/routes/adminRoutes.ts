import { z } from 'zod';
import type { OperatorActionRequest } from '../../../commands/admin/recordOperatorAction';
import { DomainError, NotFoundError } from '../../../domain/shared/decider';
import { formatLogPosition } from '../../../ports/logPosition';
import type { RelayStatus } from '../../../ports/relayStatus';
import type { AllInstancesOptions, InstancePage } from '../../../projections/instances/listAllInstances';
import { InvalidInstanceCursorError } from '../../../projections/instances/listAllInstances';
import type { ProjectionStatus } from '../../../projections/runtime/projectionStatus';
import type { SagaQueryOptions } from '../../../projections/sagas/querySagas';
import type { SagaView } from '../../../projections/sagas/sagaView';
import type { SagaAction, SagaActionOutcome } from '../../../sagas/runtime/requestSagaAction';
import { apiRoute } from '../apiRoute';
import { RequestValidationError } from '../httpErrors';

export interface AdminRouteDeps {
  instances: { listAll(options: AllInstancesOptions): Promise<InstancePage> };
  sagas: {
    list(options: SagaQueryOptions): Promise<SagaView[]>;
    request(id: string, action: SagaAction, by: { actor: string; reason: string }): Promise<SagaActionOutcome>;
  };
  projections: {
    status(): Promise<ProjectionStatus[]>;
    /** Starts a rebuild in the background (progress in status()). */
    rebuild(name: string): Promise<'started' | 'unknown' | 'running'>;
  };
  recordAction(request: OperatorActionRequest): Promise<{ actionId: string; streamName: string }>;
  relay: { status(): Promise<RelayStatus> };
}

const bool = z.enum(['true', 'false']).optional().transform((value) => value === 'true');
const instancesQuery = z.strictObject({
  tenantId: z.uuid({ message: 'must be a UUID' }).optional(),
  status: z.string().regex(/^[a-z_]{1,40}$/, 'must be an instance status such as running').optional(),
  includeDeleted: bool,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.uuid({ message: 'must be the nextCursor of a previous page' }).optional(),
});
const sagasQuery = z.strictObject({
  stuck: bool.describe('Only unfinished sagas that are failing, paused, or made no progress for stuckAfterSeconds.'),
  active: bool.describe('Only unfinished sagas.'),
  subjectId: z.string().min(1).max(200).optional().describe('The aggregate the saga works on (an instance id, …).'),
  stuckAfterSeconds: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(300),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const sagaParams = z.strictObject({ sagaId: z.string().regex(/^[A-Za-z0-9-]{1,200}$/, 'must be a saga id or stream name') });
const projectionParams = z.strictObject({ name: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a projection name') });
const reasonBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(500) });

const sagaResponse = (saga: SagaView) => ({
  ...saga,
  retryAt: saga.retryAt?.toISOString() ?? null, startedAt: saga.startedAt.toISOString(), updatedAt: saga.updatedAt.toISOString(),
});

/** Operators' administration (issue 19 item 1): the platform's instances, sagas, projections and
 * relay. Changes are events with the operator as actor and the reason given (docs/decisions/055);
 * tenants get 403 on every route. Tenants are listed by GET /api/v1/tenants (operators see all). */
export function adminRoutes(deps: AdminRouteDeps) {
  const sagaAction = (action: SagaAction, verb: string) => apiRoute({
    method: 'post', path: `/api/v1/admin/sagas/:sagaId/${action.kind}`, operationId: `${action.kind}Saga`, tag: 'admin',
    summary: action.kind === 'retry'
      ? 'Operators: run an unfinished saga again now, forgetting its attempts and backoff, with a reason.'
      : 'Operators: stop an unfinished saga with a reason; the worker compensates the steps it completed.',
    params: sagaParams, body: reasonBody, authorize: () => ({ kind: 'operator' }), responses: { 202: `${verb} requested` },
    handle: async (input) => {
      const outcome = await deps.sagas.request(input.params.sagaId, action, { actor: input.context.actor, reason: input.body.reason });
      switch (outcome.kind) {
        case 'not-found': throw new NotFoundError('Saga', input.params.sagaId);
        case 'finished': throw new DomainError('saga-finished', `Saga ${outcome.saga.sagaId} already finished (${outcome.status})`);
        case 'busy': throw new DomainError('saga-busy', `Saga ${outcome.saga.sagaId} kept moving; try again`);
        case 'requested': return { status: 202, body: { sagaId: outcome.saga.sagaId, streamName: outcome.saga.streamName, requested: action.kind } };
      }
    },
  });
  return [
    apiRoute({
      method: 'get', path: '/api/v1/admin/instances', operationId: 'adminListInstances', tag: 'admin',
      summary: "Operators: every tenant's instances, oldest first, filtered by tenant or status; pages follow nextCursor.",
      query: instancesQuery, authorize: () => ({ kind: 'operator' }), responses: { 200: 'A page of instances' },
      handle: async (input) => {
        try {
          const page = await deps.instances.listAll(input.query);
          return { status: 200, body: { items: page.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString() })), nextCursor: page.nextCursor } };
        } catch (error) {
          if (error instanceof InvalidInstanceCursorError) throw new RequestValidationError('query', [{ path: 'cursor', message: error.message }]);
          throw error;
        }
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/admin/sagas', operationId: 'adminListSagas', tag: 'admin',
      summary: 'Operators: sagas, newest first; stuck=true shows the unfinished ones that fail, are paused, or made no progress for stuckAfterSeconds.',
      query: sagasQuery, authorize: () => ({ kind: 'operator' }), responses: { 200: 'Sagas' },
      handle: async (input) => {
        const { stuck, active, subjectId, stuckAfterSeconds, limit } = input.query;
        const sagas = await deps.sagas.list({ stuck, activeOnly: active, limit, stuckAfterMs: stuckAfterSeconds * 1000, ...(subjectId ? { subjectId } : {}) });
        return { status: 200, body: { items: sagas.map(sagaResponse) } };
      },
    }),
    sagaAction({ kind: 'retry' }, 'Retry'),
    sagaAction({ kind: 'cancel' }, 'Cancellation'),
    apiRoute({
      method: 'get', path: '/api/v1/admin/projections', operationId: 'adminProjectionStatus', tag: 'admin',
      summary: "Operators: every read model's checkpoint, lag in events and whether it is being rebuilt.",
      authorize: () => ({ kind: 'operator' }), responses: { 200: 'Projection status' },
      handle: async () => ({
        status: 200,
        body: {
          items: (await deps.projections.status()).map((p) => ({
            ...p, checkpoint: p.checkpoint ? formatLogPosition(p.checkpoint) : null, updatedAt: p.updatedAt.toISOString(), rebuiltAt: p.rebuiltAt?.toISOString() ?? null,
          })),
        },
      }),
    }),
    apiRoute({
      method: 'post', path: '/api/v1/admin/projections/:name/rebuild', operationId: 'adminRebuildProjection', tag: 'admin',
      summary: 'Operators: rebuild a read model into fresh tables, then swap, with a reason; queries keep being served and GET /api/v1/admin/projections shows the progress.',
      params: projectionParams, body: reasonBody, authorize: () => ({ kind: 'operator' }), responses: { 202: 'Rebuild started' },
      handle: async (input) => {
        const { name } = input.params;
        const started = await deps.projections.rebuild(name);
        if (started === 'unknown') throw new NotFoundError('Projection', name);
        if (started === 'running') throw new DomainError('rebuild-running', `Projection ${name} is being rebuilt already`);
        const recorded = await deps.recordAction({
          actor: input.context.actor, correlationId: input.context.correlationId, action: 'projection.rebuild', target: name, reason: input.body.reason, outcome: { started: true },
        });
        return { status: 202, body: { projection: name, ...recorded } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/admin/relay', operationId: 'adminRelayStatus', tag: 'admin',
      summary: "Operators: the event store → RabbitMQ relay's checkpoint, whether a relay holds the lock, and its lag in events and seconds.",
      authorize: () => ({ kind: 'operator' }), responses: { 200: 'Relay status' },
      handle: async () => {
        const status = await deps.relay.status();
        return {
          status: 200,
          body: { ...status, checkpoint: status.checkpoint ? formatLogPosition(status.checkpoint) : null, checkpointedAt: status.checkpointedAt?.toISOString() ?? null },
        };
      },
    }),
  ];
}
