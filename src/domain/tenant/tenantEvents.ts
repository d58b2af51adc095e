import type { TenantMembershipEvent } from './tenantMembershipEvents';

export type TenantCreated = { type: 'TenantCreated'; data: { tenantId: string; name: string; createdBy: string; ownerId?: string } };
export type TenantRenamed = { type: 'TenantRenamed'; data: { tenantId: string; name: string } };
export type TenantDeleted = { type: 'TenantDeleted'; data: { tenantId: string; reason: string } };

/** Lifecycle events (the `tenants` read model handles exactly these). */
export type TenantEvent = TenantCreated | TenantRenamed | TenantDeleted;
export const tenantEventTypes = ['TenantCreated', 'TenantRenamed', 'TenantDeleted'] as const;

/** Everything in a `tenant-<id>` stream: lifecycle plus members, invitations and API keys. */
export type TenantAggregateEvent = TenantEvent | TenantMembershipEvent;
