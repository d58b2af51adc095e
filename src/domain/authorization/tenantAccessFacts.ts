import type { TenantRole } from '../tenant/tenantRole';

/** What the policy needs to know about a tenant, read from its aggregate (not a lagging read model,
 * so a member added a moment ago is already let in and one removed is already kept out). */
export interface TenantAccessFacts {
  tenantId: string;
  status: 'active' | 'deleted';
  members: Readonly<Record<string, TenantRole>>;
  apiKeys: Readonly<Record<string, { revoked: boolean }>>;
}
