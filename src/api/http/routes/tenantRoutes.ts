import { v7 } from 'uuid';
import { z } from 'zod';
import { formatLogPosition } from '../../../ports/logPosition';
import type { HandleCommand } from '../../../commands/handleCommand';
import { QuotaExceededError } from '../../../commands/identity/identityErrors';
import { createTenantSchema } from '../../../commands/tenantCommandSchemas';
import type { Principal } from '../../../domain/authorization/principal';
import { NotFoundError } from '../../../domain/shared/decider';
import type { TenantPage } from '../../../projections/tenants/listTenants';
import type { TenantView } from '../../../projections/tenants/tenantView';
import { commandReply } from './commandReply';
import { apiRoute, type RouteInput } from '../apiRoute';
import { tenantCategory } from '../../../domain/tenant/tenantStream';
import { idOfStream } from '../../../domain/shared/streamNames';

/** The read side the routes need; implemented over the `tenants` projection. */
export interface TenantQueries {
  getTenant(tenantId: string): Promise<TenantView | null>;
  /** `tenantIds` (when given) restricts the page to those tenants: the caller's own. */
  listTenants(options: { limit: number; cursor: string | null; includeDeleted: boolean; tenantIds?: readonly string[] }): Promise<TenantPage>;
}

/** The tenants a non-operator caller belongs to (identity's `tenant_members` read model). */
export interface TenantMemberships {
  tenantIdsOf(userId: string): Promise<string[]>;
}

export interface TenantRouteDeps {
  handleCommand: HandleCommand;
  tenants: TenantQueries;
  memberships: TenantMemberships;
  /** The per-user tenant quota: how many active tenants a person created (read model, so a burst of
   * parallel creations can overshoot by what the projection has not seen yet), and the limit. */
  quota: { tenantsCreatedBy(userId: string): Promise<number>; tenantsPerUserMax: number };
  /** After a deletion: the key rows follow the ApiKeyRevoked events it appended (syncRevokedApiKeys). */
  syncRevokedApiKeys(tenantId: string): Promise<void>;
  /** Waits until the tenants read model has passed `minPosition`; throws ReadModelBehindError. */
  waitForTenantsProjection(minPosition: string): Promise<void>;
  /** The caller's tenants come from `tenant_members`: a list waits for it too. */
  waitForMembersProjection(minPosition: string): Promise<void>;
}

const tenantIdParams = z.strictObject({ tenantId: z.uuid({ message: 'must be a UUID' }) });
const renameBody = z.strictObject({ name: createTenantSchema.shape.name });
const deleteBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).optional();
const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid({ message: 'must be the nextCursor of a previous page' }).nullable().default(null),
  includeDeleted: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export function tenantRoutes(deps: TenantRouteDeps) {
  const send = (input: RouteInput<unknown, unknown, unknown>, type: string, data: unknown, tenantId?: string) =>
    deps.handleCommand({
      type,
      data,
      metadata: {
        commandId: input.idempotencyKey ?? v7(),
        actor: input.context.actor,
        correlationId: input.context.correlationId,
        ...(tenantId ? { tenantId } : {}),
      },
    });

  const readAfter = async (minPosition: string | undefined) => {
    if (minPosition) await Promise.all([deps.waitForTenantsProjection(minPosition), deps.waitForMembersProjection(minPosition)]);
  };

  return [
    apiRoute({
      method: 'post', path: '/api/v1/tenants', operationId: 'createTenant', tag: 'tenants',
      summary: 'Create a tenant. Answers 201 with its id and the position to read it back with minPosition; 403 quota-exceeded beyond TENANTS_PER_USER_MAX.',
      body: createTenantSchema,
      authorize: () => ({ kind: 'user' }),
      responses: { 201: 'Tenant created' },
      async handle(input) {
        const principal = input.context.principal;
        if (principal.kind === 'user' && !principal.operator
          && (await deps.quota.tenantsCreatedBy(principal.userId)) >= deps.quota.tenantsPerUserMax) {
          throw new QuotaExceededError('tenants', deps.quota.tenantsPerUserMax);
        }
        const result = await send(input, 'CreateTenant', input.body);
        const tenantId = idOfStream(tenantCategory, result.streamName);
        return { status: 201, body: { tenantId, ...commandReply(result) }, headers: { Location: `/api/v1/tenants/${tenantId}` } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/tenants', operationId: 'listTenants', tag: 'tenants',
      summary: 'List the caller\'s tenants (operators: all), paginated.',
      query: listQuery,
      authorize: () => ({ kind: 'signedIn' }),
      responses: { 200: 'A page of tenants' },
      async handle(input) {
        await readAfter(input.minPosition);
        const visible = await visibleTenantIds(deps, input.context.principal);
        const page = await deps.tenants.listTenants({ ...input.query, ...(visible ? { tenantIds: visible } : {}) });
        // Filtered again here so a query implementation that ignored tenantIds could never leak.
        const items = visible ? page.items.filter((tenant) => visible.includes(tenant.tenantId)) : page.items;
        return { status: 200, body: { items: items.map(tenantResponse), nextCursor: page.nextCursor } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/tenants/:tenantId', operationId: 'getTenant', tag: 'tenants',
      summary: 'One tenant.',
      params: tenantIdParams,
      authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'tenant:read' }),
      responses: { 200: 'The tenant' },
      async handle(input) {
        await readAfter(input.minPosition);
        const tenant = await deps.tenants.getTenant(input.params.tenantId);
        if (!tenant) throw new NotFoundError('Tenant', input.params.tenantId);
        return { status: 200, body: tenantResponse(tenant) };
      },
    }),
    apiRoute({
      method: 'put', path: '/api/v1/tenants/:tenantId', operationId: 'renameTenant', tag: 'tenants',
      summary: 'Rename a tenant.',
      params: tenantIdParams,
      authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'tenant:update' }),
      body: renameBody,
      responses: { 200: 'Renamed (or already had that name)' },
      async handle(input) {
        const { tenantId } = input.params;
        const result = await send(input, 'RenameTenant', { tenantId, name: input.body.name }, tenantId);
        return { status: 200, body: { tenantId, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'delete', path: '/api/v1/tenants/:tenantId', operationId: 'deleteTenant', tag: 'tenants',
      summary: 'Soft-delete a tenant; the optional body gives the reason. Its API keys and invitations are revoked, its instances stopped, and nothing more may be done in it.',
      params: tenantIdParams,
      authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'tenant:delete' }),
      body: deleteBody,
      responses: { 200: 'Deleted' },
      async handle(input) {
        const { tenantId } = input.params;
        const reason = input.body?.reason ?? `deleted by ${input.context.actor}`;
        const result = await send(input, 'DeleteTenant', { tenantId, reason }, tenantId);
        await deps.syncRevokedApiKeys(tenantId);
        return { status: 200, body: { tenantId, ...commandReply(result) } };
      },
    }),
  ];
}

/** null = every tenant (operators, platform components); otherwise the only ones the caller sees. */
async function visibleTenantIds(deps: TenantRouteDeps, principal: Principal): Promise<string[] | null> {
  switch (principal.kind) {
    case 'user':
      return principal.operator ? null : deps.memberships.tenantIdsOf(principal.userId);
    case 'apiKey':
      return [principal.tenantId];
    case 'system':
      return null;
    default:
      return [];
  }
}

function tenantResponse(tenant: TenantView) {
  return { ...tenant, lastPosition: formatLogPosition(tenant.lastPosition) };
}
