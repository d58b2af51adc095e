import type { TenantAggregateEvent } from '../../domain/tenant/tenantEvents';
import type { IdentityDeps } from './identityDeps';
import { tenantStream } from '../../domain/tenant/tenantStream';

/** Brings the key rows in line with the tenant's stream after a command that may have revoked keys
 * as a side effect (a member removed or demoted, the tenant deleted): the events already stopped the
 * keys (the policy reads them); the rows are what listings and the per-user key quota count. */
export async function syncRevokedApiKeys(deps: Pick<IdentityDeps, 'store' | 'apiKeys' | 'now'>, tenantId: string): Promise<void> {
  const events = (await deps.store.readStream(tenantStream(tenantId))) as unknown as TenantAggregateEvent[];
  const revoked = events.flatMap((event) => (event.type === 'ApiKeyRevoked' ? [event.data.keyId] : []));
  await deps.apiKeys.revokeMany(tenantId, revoked, deps.now());
}
