import { z } from 'zod';
import { createApiKey } from '../../../commands/identity/createApiKey';
import type { IdentityDeps } from '../../../commands/identity/identityDeps';
import { ForbiddenError } from '../../../commands/identity/identityErrors';
import { revokeApiKey } from '../../../commands/identity/revokeApiKey';
import { apiKeyScopesSchema } from '../../../commands/tenantMemberCommandSchemas';
import { canGrantScopes } from '../../../domain/authorization/canGrantScopes';
import type { Principal } from '../../../domain/authorization/principal';
import type { TenantAccessLoader } from '../../authorization/loadTenantAccess';
import { apiRoute, type RouteInput } from '../apiRoute';
import { commandReply } from './commandReply';

export interface ApiKeyRouteDeps {
  identity: IdentityDeps;
  loadTenantAccess: TenantAccessLoader;
}

const tenantParams = z.strictObject({ tenantId: z.uuid() });
const keyParams = z.strictObject({ tenantId: z.uuid(), keyId: z.uuid() });
const manage = <P extends { tenantId: string }>({ tenantId }: P) => ({ kind: 'tenant' as const, tenantId, permission: 'apikeys:manage' as const });

function callContext(input: RouteInput<unknown, unknown, unknown>) {
  return { actor: input.context.actor, correlationId: input.context.correlationId, ...(input.idempotencyKey ? { commandId: input.idempotencyKey } : {}) };
}

/** API keys for machine clients: per tenant, scoped, shown once, stored hashed, revocable. */
export function apiKeyRoutes(deps: ApiKeyRouteDeps) {
  const { identity } = deps;

  const creatorRole = async (principal: Principal, tenantId: string) => {
    if (principal.kind === 'system' || (principal.kind === 'user' && principal.operator)) return 'operator' as const;
    const role = principal.kind === 'user' ? (await deps.loadTenantAccess(tenantId))?.members[principal.userId] : undefined;
    if (!role) throw new ForbiddenError('only members can create API keys');
    return role;
  };

  return [
    apiRoute({
      method: 'post', path: '/api/v1/tenants/:tenantId/api-keys', operationId: 'createApiKey', tag: 'api-keys',
      summary: 'Create a scoped API key. The token is in this answer only; keep it, it cannot be shown again.',
      params: tenantParams, body: z.strictObject({ name: z.string().trim().min(1).max(100), scopes: apiKeyScopesSchema }),
      authorize: manage, responses: { 201: 'Created (token shown once)' },
      async handle(input) {
        const { tenantId } = input.params;
        const role = await creatorRole(input.context.principal, tenantId);
        const grant = canGrantScopes(role, input.body.scopes);
        if (!grant.ok) throw new ForbiddenError(grant.reason);
        const { keyId, token, result } = await createApiKey(identity, {
          tenantId, name: input.body.name, scopes: input.body.scopes, creatorIsOperator: role === 'operator',
        }, callContext(input));
        return { status: 201, body: { tenantId, keyId, name: input.body.name, scopes: input.body.scopes, token, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/tenants/:tenantId/api-keys', operationId: 'listApiKeys', tag: 'api-keys',
      summary: 'The tenant\'s API keys (never their secrets).', params: tenantParams, authorize: manage, responses: { 200: 'Keys' },
      async handle(input) {
        return { status: 200, body: { items: await identity.apiKeys.list(input.params.tenantId) } };
      },
    }),
    apiRoute({
      method: 'delete', path: '/api/v1/tenants/:tenantId/api-keys/:keyId', operationId: 'revokeApiKey', tag: 'api-keys',
      summary: 'Revoke an API key; it stops working at once.', params: keyParams, authorize: manage, responses: { 200: 'Revoked' },
      async handle(input) {
        const result = await revokeApiKey(identity, input.params, callContext(input));
        return { status: 200, body: { ...input.params, ...commandReply(result) } };
      },
    }),
  ];
}
