import { EmailNotVerifiedError, ForbiddenError, UnauthenticatedError } from '../../commands/identity/identityErrors';
import type { AccessRequest } from '../../domain/authorization/accessRequest';
import { decideAccess } from '../../domain/authorization/decideAccess';
import { permissionsNeedingVerifiedEmail } from '../../domain/authorization/permissionsNeedingVerifiedEmail';
import type { Principal } from '../../domain/authorization/principal';
import type { TenantAccessFacts } from '../../domain/authorization/tenantAccessFacts';
import { NotFoundError } from '../../domain/shared/decider';
import type { CallerFactsLoader } from './loadCallerFacts';
import type { TenantAccessLoader } from './loadTenantAccess';

export interface Authorizer {
  /** Throws UnauthenticatedError (401), ForbiddenError (403) or NotFoundError (404) unless allowed. */
  authorize(principal: Principal, request: AccessRequest): Promise<void>;
  /** The facts the last decision was based on, for handlers that need the caller's role. */
  tenantFacts(tenantId: string): Promise<TenantAccessFacts | null>;
}

/** Loads what the pure policy needs and turns its decision into the errors every ingress maps. The
 * caller's own facts are read only for a person asking what needs a verified email. */
export function createAuthorizer(loadTenantAccess: TenantAccessLoader, loadCallerFacts: CallerFactsLoader): Authorizer {
  return {
    async authorize(principal, request) {
      const tenantId = 'tenantId' in request ? request.tenantId : null;
      // An API key is checked against its own tenant on every request (revoked, tenant deleted).
      const factsOf = tenantId ?? (principal.kind === 'apiKey' ? principal.tenantId : null);
      const needsCaller = principal.kind === 'user' && !principal.operator && request.kind === 'tenant'
        && permissionsNeedingVerifiedEmail.includes(request.permission);
      const [facts, caller] = await Promise.all([
        factsOf && principal.kind !== 'anonymous' ? loadTenantAccess(factsOf) : null,
        needsCaller ? loadCallerFacts(principal.userId) : null,
      ]);
      const decision = decideAccess(principal, request, facts, caller);
      if (decision.allowed) return;
      if (decision.status === 401) throw new UnauthenticatedError();
      if (decision.status === 404) throw new NotFoundError('Tenant', tenantId ?? 'unknown');
      if (decision.code === 'email-not-verified') throw new EmailNotVerifiedError(decision.reason);
      throw new ForbiddenError(decision.reason);
    },
    tenantFacts: loadTenantAccess,
  };
}
