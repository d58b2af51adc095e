import type { InvitableRole } from './tenantRole';

// Membership and API-key commands of the Tenant aggregate. Tokens and key secrets never appear:
// the identity tables hold their hashes, these carry only references.
export type InviteMember = {
  type: 'InviteMember';
  data: { tenantId: string; invitationId: string; email: string; role: InvitableRole; invitedBy: string; expiresAt: string };
};
export type AcceptInvitation = {
  type: 'AcceptInvitation';
  data: { tenantId: string; invitationId: string; userId: string; email: string; acceptedAt: string };
};
export type RevokeInvitation = { type: 'RevokeInvitation'; data: { tenantId: string; invitationId: string; revokedBy: string } };
export type RemoveMember = { type: 'RemoveMember'; data: { tenantId: string; userId: string; removedBy: string } };
export type TransferOwnership = { type: 'TransferOwnership'; data: { tenantId: string; newOwnerId: string; transferredBy: string } };
export type CreateApiKey = {
  type: 'CreateApiKey';
  data: { tenantId: string; keyId: string; name: string; scopes: string[]; createdBy: string };
};
export type RevokeApiKey = { type: 'RevokeApiKey'; data: { tenantId: string; keyId: string; revokedBy: string } };

export type TenantMembershipCommand =
  | InviteMember
  | AcceptInvitation
  | RevokeInvitation
  | RemoveMember
  | TransferOwnership
  | CreateApiKey
  | RevokeApiKey;
