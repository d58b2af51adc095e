import { DomainError, NotFoundError } from '../shared/decider';
import { revokeKeysCreatedBy } from './revokeKeysCreatedBy';
import type { TenantMembershipCommand } from './tenantMembershipCommands';
import type { TenantMembershipEvent } from './tenantMembershipEvents';
import type { TenantState } from './tenantState';

type ActiveTenant = Extract<TenantState, { status: 'active' }>;

/** Invariants of membership: one owner always, the owner leaves only by transferring first, an
 * invitation is used once, by the address it was sent to, before it expires, and API keys end with
 * their creator's standing (removed or demoted: their keys are revoked). Who may ask for each of
 * these is the policy module's business (src/domain/authorization), not this one's. */
export function decideMembership(command: TenantMembershipCommand, state: ActiveTenant): TenantMembershipEvent[] {
  const { tenantId } = command.data;
  switch (command.type) {
    case 'InviteMember':
      if (state.invitations[command.data.invitationId]) return [];
      return [{ type: 'MemberInvited', data: { ...command.data } }];
    case 'AcceptInvitation': {
      const invitation = state.invitations[command.data.invitationId];
      if (!invitation) throw new NotFoundError('Invitation', command.data.invitationId);
      if (Date.parse(command.data.acceptedAt) > Date.parse(invitation.expiresAt)) {
        throw new DomainError('invitation-expired', 'The invitation has expired; ask for a new one');
      }
      if (invitation.email !== command.data.email) {
        throw new DomainError('invitation-email-mismatch', 'The invitation was sent to another email address');
      }
      if (state.members[command.data.userId]) throw new DomainError('already-member', 'You are already a member of this tenant');
      return [{ type: 'MemberJoined', data: { tenantId, userId: command.data.userId, role: invitation.role, invitationId: command.data.invitationId } }];
    }
    case 'RevokeInvitation':
      if (!state.invitations[command.data.invitationId]) throw new NotFoundError('Invitation', command.data.invitationId);
      return [{ type: 'InvitationRevoked', data: { ...command.data } }];
    case 'RemoveMember': {
      const role = state.members[command.data.userId];
      if (!role) throw new NotFoundError('Member', command.data.userId);
      if (role === 'owner') throw new DomainError('owner-cannot-be-removed', 'The owner cannot be removed; transfer ownership first');
      return [{ type: 'MemberRemoved', data: { ...command.data } }, ...revokeKeysCreatedBy(state, command.data.userId, command.data.removedBy)];
    }
    case 'TransferOwnership': {
      const role = state.members[command.data.newOwnerId];
      if (!role) throw new DomainError('not-a-member', 'Ownership can only be transferred to a member of the tenant');
      if (role === 'owner') return [];
      const previousOwnerId = ownerOf(state);
      return [
        { type: 'OwnershipTransferred', data: { tenantId, previousOwnerId, newOwnerId: command.data.newOwnerId } },
        ...revokeKeysCreatedBy(state, previousOwnerId, command.data.transferredBy),
      ];
    }
    case 'CreateApiKey':
      if (state.apiKeys[command.data.keyId]) throw new DomainError('api-key-exists', `API key ${command.data.keyId} already exists`);
      return [{ type: 'ApiKeyCreated', data: { ...command.data, scopes: [...command.data.scopes] } }];
    case 'RevokeApiKey': {
      const key = state.apiKeys[command.data.keyId];
      if (!key) throw new NotFoundError('ApiKey', command.data.keyId);
      return key.revoked ? [] : [{ type: 'ApiKeyRevoked', data: { ...command.data } }];
    }
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

export function ownerOf(state: ActiveTenant): string {
  const owner = Object.entries(state.members).find(([, role]) => role === 'owner');
  // Unreachable: TenantCreated names an owner and no event removes one without naming the next.
  if (!owner) throw new Error(`Tenant ${state.tenantId} has no owner`);
  return owner[0];
}
