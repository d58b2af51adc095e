import type { TenantRole } from '../tenant/tenantRole';

export const tenantPermissions = [
  'tenant:read', 'tenant:update', 'tenant:delete',
  'members:read', 'members:manage', 'ownership:transfer',
  'apikeys:manage',
  'instances:read', 'instances:manage', 'instances:credentials',
  'backups:read', 'backups:manage', 'backups:download',
  'billing:read', 'billing:manage',
] as const;
export type TenantPermission = (typeof tenantPermissions)[number];

const memberPermissions: readonly TenantPermission[] = ['tenant:read', 'members:read', 'instances:read', 'backups:read'];
// Downloading a backup is taking the whole tenant's data home (its database dump and files): not a
// member's to do, even though members may see that backups exist.
const adminPermissions: readonly TenantPermission[] = [
  ...memberPermissions, 'tenant:update', 'members:manage', 'apikeys:manage', 'instances:manage', 'instances:credentials', 'backups:manage', 'backups:download',
  // Billing (what the tenant spends, its currency, cancelling) is for admins and owners only.
  'billing:read', 'billing:manage',
];

/** What each role may do in its tenant. Owners can do everything, including leaving the tenant to
 * someone else and deleting it. */
export const rolePermissions: Readonly<Record<TenantRole, readonly TenantPermission[]>> = {
  member: memberPermissions,
  admin: adminPermissions,
  owner: tenantPermissions,
};

/** Permissions an API key may carry. Never people or keys management, nor deleting the tenant: a
 * leaked machine credential must not be able to take the tenant over or mint more credentials. */
export const apiKeyScopes = [
  'tenant:read', 'members:read', 'instances:read', 'instances:manage', 'backups:read', 'backups:manage', 'backups:download',
] as const satisfies readonly TenantPermission[];
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const roleRank: Readonly<Record<TenantRole, number>> = { owner: 3, admin: 2, member: 1 };
