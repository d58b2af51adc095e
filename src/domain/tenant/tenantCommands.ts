import type { TenantMembershipCommand } from './tenantMembershipCommands';

/** `ownerId` defaults to `createdBy`: whoever creates a tenant owns it unless an operator creates
 * it on someone's behalf. */
export type CreateTenant = { type: 'CreateTenant'; data: { tenantId: string; name: string; createdBy: string; ownerId?: string } };
export type RenameTenant = { type: 'RenameTenant'; data: { tenantId: string; name: string } };
export type DeleteTenant = { type: 'DeleteTenant'; data: { tenantId: string; reason: string } };

/** The tenant's lifecycle commands (what the `tenants` read model follows). */
export type TenantLifecycleCommand = CreateTenant | RenameTenant | DeleteTenant;
/** Everything the Tenant aggregate decides. */
export type TenantCommand = TenantLifecycleCommand | TenantMembershipCommand;
