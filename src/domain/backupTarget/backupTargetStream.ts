/** A tenant's off-site backup target, keyed by the tenant. */
export const backupTargetCategory = 'backupTarget';

export function backupTargetStream(tenantId: string): string {
  return `${backupTargetCategory}-${tenantId}`;
}
