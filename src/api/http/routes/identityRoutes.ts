import type { IdentityDeps } from '../../../commands/identity/identityDeps';
import type { MemberQueries } from '../../../projections/tenantMembers/createMemberQueries';
import type { TenantAccessLoader } from '../../authorization/loadTenantAccess';
import type { ApiRoute } from '../apiRoute';
import { apiKeyRoutes } from './apiKeyRoutes';
import { authRoutes } from './authRoutes';
import { emailVerificationRoutes } from './emailVerificationRoutes';
import { memberRoutes } from './memberRoutes';

export interface IdentityRouteDeps {
  identity: IdentityDeps;
  members: MemberQueries;
  loadTenantAccess: TenantAccessLoader;
  waitForMembersProjection(minPosition: string): Promise<void>;
}

/** Every route of the identity issue: /auth/*, email verification, tenant members and invitations, API keys. */
export function identityRoutes(deps: IdentityRouteDeps): ApiRoute[] {
  return [
    ...authRoutes(deps.identity),
    ...emailVerificationRoutes(deps.identity),
    ...memberRoutes(deps),
    ...apiKeyRoutes(deps),
  ];
}
