import type { ApiKeyRevoked } from './tenantMembershipEvents';
import type { TenantMembership } from './tenantState';

/** API keys follow their creator (docs/decisions/042): the live keys `userId` created, revoked in
 * the same append as the change that took the creator's standing away. */
export function revokeKeysCreatedBy(state: TenantMembership & { tenantId: string }, userId: string, revokedBy: string): ApiKeyRevoked[] {
  return Object.entries(state.apiKeys)
    .filter(([, key]) => !key.revoked && key.createdBy === userId)
    .map(([keyId]) => ({ type: 'ApiKeyRevoked', data: { tenantId: state.tenantId, keyId, revokedBy } }));
}
