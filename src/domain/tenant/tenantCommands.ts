export type CreateTenant = { type: 'CreateTenant'; data: { tenantId: string; name: string; createdBy: string } };
export type RenameTenant = { type: 'RenameTenant'; data: { tenantId: string; name: string } };
export type DeleteTenant = { type: 'DeleteTenant'; data: { tenantId: string; reason: string } };

export type TenantCommand = CreateTenant | RenameTenant | DeleteTenant;
