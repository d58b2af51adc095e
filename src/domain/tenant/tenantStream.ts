/** A tenant's stream: the tenant, its members, invitations and API keys. */
export const tenantCategory = 'tenant';

export function tenantStream(tenantId: string): string {
  return `${tenantCategory}-${tenantId}`;
}
