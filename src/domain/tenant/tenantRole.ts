export const tenantRoles = ['owner', 'admin', 'member'] as const;
export type TenantRole = (typeof tenantRoles)[number];

/** Roles an invitation may grant: ownership only ever moves by an explicit transfer. */
export const invitableRoles = ['admin', 'member'] as const;
export type InvitableRole = (typeof invitableRoles)[number];
