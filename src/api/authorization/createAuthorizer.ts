import { ForbiddenError, UnauthenticatedError } from '../../commands/identity/identityErrors';
import type { AccessRequest } from '../../domain/authorization/accessRequest';
import { decideAccess } from '../../domain/authorization/decideAccess';
import type { Principal } from '../../domain/authorization/principal';
import type { TenantAccessFacts } from '../../domain/authorization/tenantAccessFacts';
import { NotFoundError } from '../../domain/shared/decider';
import type { TenantAccessLoader } from './loadTenantAccess';

export interface Authorizer {
  /** Throws UnauthenticatedError (401), ForbiddenError (403) or NotFoundError (404) unless allowed. */
  authorize(principal: Principal, request: AccessRequest): Promise<void>;
  /** The facts the last decision was based on, for handlers that need the caller's role. */
  tenantFacts(tenantId: string): Promise<TenantAccessFacts | null>;
}

/** Loads what the pure policy needs and turns its decision into the errors every ingress maps. */
export function createAuthorizer(loadTenantAccess: TenantAccessLoader): Authorizer {
  return {
    async authorize(principal, request) {
      const tenantId = 'tenantId' in request ? request.tenantId : null;
      const facts = tenantId && principal.kind !== 'anonymous' ? await loadTenantAccess(tenantId) : null;
      const decision = decideAccess(principal, request, facts);
      if (decision.allowed) return;
      if (decision.status === 401) throw new UnauthenticatedError();
      if (decision.status === 404) throw new NotFoundError('Tenant', tenantId ?? 'unknown');
      throw new ForbiddenError(decision.reason);
    },
    tenantFacts: loadTenantAccess,
  };
}
