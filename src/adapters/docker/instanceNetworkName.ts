/** Each tenant's instances share a Docker network of their own (`<INSTANCE_NETWORK>-<tenantId>`):
 * an instance cannot open a connection to another tenant's (docs/security.md, finding 5). */
export function instanceNetworkName(base: string, tenantId: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(tenantId)) throw new Error(`tenant id ${JSON.stringify(tenantId)} is not usable in a network name`);
  return `${base}-${tenantId.toLowerCase()}`;
}
