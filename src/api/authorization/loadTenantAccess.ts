import type { EventStore } from '../../ports/eventStore';
import type { TenantAccessFacts } from '../../domain/authorization/tenantAccessFacts';
import { tenantDecider } from '../../domain/tenant/tenantDecider';
import { tenantStream } from '../../domain/tenant/tenantStream';
import { aggregateStream } from '../../commands/aggregateStream';

export type TenantAccessLoader = (tenantId: string) => Promise<TenantAccessFacts | null>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the tenant's own stream and folds it: the policy sees members and keys as of the last
 * append, never a lagging read model (a removed member is out at once). Tenant streams stay small. */
export function createTenantAccessLoader(store: EventStore): TenantAccessLoader {
  return async (tenantId) => {
    if (!uuidPattern.test(tenantId)) return null;
    const state = await aggregateStream(store, tenantDecider, tenantStream(tenantId));
    if (state.status === 'absent') return null;
    return { tenantId, status: state.status, members: state.members, apiKeys: state.apiKeys };
  };
}
