import type { InvitableRole } from './tenantRole';

export type MemberInvited = {
  type: 'MemberInvited';
  data: { tenantId: string; invitationId: string; email: string; role: InvitableRole; invitedBy: string; expiresAt: string };
};
export type MemberJoined = { type: 'MemberJoined'; data: { tenantId: string; userId: string; role: InvitableRole; invitationId: string } };
export type InvitationRevoked = { type: 'InvitationRevoked'; data: { tenantId: string; invitationId: string; revokedBy: string } };
export type MemberRemoved = { type: 'MemberRemoved'; data: { tenantId: string; userId: string; removedBy: string } };
export type OwnershipTransferred = { type: 'OwnershipTransferred'; data: { tenantId: string; previousOwnerId: string; newOwnerId: string } };
export type ApiKeyCreated = { type: 'ApiKeyCreated'; data: { tenantId: string; keyId: string; name: string; scopes: string[]; createdBy: string } };
export type ApiKeyRevoked = { type: 'ApiKeyRevoked'; data: { tenantId: string; keyId: string; revokedBy: string } };

export type TenantMembershipEvent =
  | MemberInvited
  | MemberJoined
  | InvitationRevoked
  | MemberRemoved
  | OwnershipTransferred
  | ApiKeyCreated
  | ApiKeyRevoked;

export const tenantMembershipEventTypes = [
  'MemberInvited', 'MemberJoined', 'InvitationRevoked', 'MemberRemoved', 'OwnershipTransferred', 'ApiKeyCreated', 'ApiKeyRevoked',
] as const satisfies readonly TenantMembershipEvent['type'][];
