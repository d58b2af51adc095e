import type { TenantMembershipEvent } from './tenantMembershipEvents';
import type { TenantMembership } from './tenantState';

export function evolveMembership(state: TenantMembership, event: TenantMembershipEvent): TenantMembership {
  switch (event.type) {
    case 'MemberInvited': {
      const { invitationId, email, role, expiresAt } = event.data;
      return { ...state, invitations: { ...state.invitations, [invitationId]: { email, role, expiresAt } } };
    }
    case 'MemberJoined':
      return {
        ...state,
        members: { ...state.members, [event.data.userId]: event.data.role },
        invitations: without(state.invitations, event.data.invitationId),
      };
    case 'InvitationRevoked':
      return { ...state, invitations: without(state.invitations, event.data.invitationId) };
    case 'MemberRemoved':
      return { ...state, members: without(state.members, event.data.userId) };
    case 'OwnershipTransferred':
      // The previous owner stays on as an admin: a transfer must never lock them out.
      return { ...state, members: { ...state.members, [event.data.previousOwnerId]: 'admin', [event.data.newOwnerId]: 'owner' } };
    case 'ApiKeyCreated':
      return { ...state, apiKeys: { ...state.apiKeys, [event.data.keyId]: { revoked: false, createdBy: event.data.createdBy } } };
    case 'ApiKeyRevoked': {
      const key = state.apiKeys[event.data.keyId];
      return key ? { ...state, apiKeys: { ...state.apiKeys, [event.data.keyId]: { ...key, revoked: true } } } : state;
    }
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
