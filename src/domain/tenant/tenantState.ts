import type { InvitableRole, TenantRole } from './tenantRole';

export interface PendingInvitation {
  email: string;
  role: InvitableRole;
  expiresAt: string;
}

/** Who belongs to the tenant and which credentials it issued; kept in deleted tenants too so their
 * members can still see what happened. */
export interface TenantMembership {
  /** userId → role; exactly one `owner` at all times. */
  members: Readonly<Record<string, TenantRole>>;
  invitations: Readonly<Record<string, PendingInvitation>>;
  /** keyId → revoked?, and who created it (keys follow their creator). */
  apiKeys: Readonly<Record<string, { revoked: boolean; createdBy: string }>>;
}

export type TenantState =
  | { status: 'absent' }
  | ({ status: 'active'; tenantId: string; name: string } & TenantMembership)
  | ({ status: 'deleted'; tenantId: string; name: string; reason: string } & TenantMembership);

export function initialState(): TenantState {
  return { status: 'absent' };
}
