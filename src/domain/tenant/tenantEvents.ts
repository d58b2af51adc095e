export type TenantCreated = { type: 'TenantCreated'; data: { tenantId: string; name: string; createdBy: string } };
export type TenantRenamed = { type: 'TenantRenamed'; data: { tenantId: string; name: string } };
export type TenantDeleted = { type: 'TenantDeleted'; data: { tenantId: string; reason: string } };

export type TenantEvent = TenantCreated | TenantRenamed | TenantDeleted;
export const tenantEventTypes = ['TenantCreated', 'TenantRenamed', 'TenantDeleted'] as const;
