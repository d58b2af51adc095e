import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { tenantDecider } from '../../../src/domain/tenant/tenantDecider';
import type { TenantAggregateEvent } from '../../../src/domain/tenant/tenantEvents';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec(tenantDecider);
const tenantId = '01900000-0000-7000-8000-000000000001';
const owner = 'user-owner';
const alice = 'user-alice';
const invitationId = 'inv-1';
const expiresAt = '2030-01-08T00:00:00.000Z';
const created: TenantAggregateEvent = { type: 'TenantCreated', data: { tenantId, name: 'Harare Hardware', createdBy: owner } };
const invited: TenantAggregateEvent = {
  type: 'MemberInvited', data: { tenantId, invitationId, email: 'alice@example.com', role: 'admin', invitedBy: owner, expiresAt },
};
const joined: TenantAggregateEvent = { type: 'MemberJoined', data: { tenantId, userId: alice, role: 'admin', invitationId } };
const accept = (overrides: Partial<{ email: string; acceptedAt: string; userId: string }> = {}) => ({
  type: 'AcceptInvitation' as const,
  data: { tenantId, invitationId, userId: alice, email: 'alice@example.com', acceptedAt: '2030-01-01T00:00:00.000Z', ...overrides },
});

describe('Tenant members', () => {
  it('makes the creator the owner (so the creator can transfer ownership)', () => {
    spec.given([created, invited, joined]).when({ type: 'TransferOwnership', data: { tenantId, newOwnerId: alice, transferredBy: owner } })
      .then([{ type: 'OwnershipTransferred', data: { tenantId, previousOwnerId: owner, newOwnerId: alice } }]);
  });

  it('makes ownerId the owner when a tenant is created on someone else\'s behalf', () => {
    const onBehalf: TenantAggregateEvent = { type: 'TenantCreated', data: { tenantId, name: 'X Co', createdBy: 'op', ownerId: alice } };
    spec.given([onBehalf]).when({ type: 'RemoveMember', data: { tenantId, userId: alice, removedBy: 'op' } }).thenThrows(DomainError, /owner/);
  });

  it('invites by email and lets that address accept once, before expiry', () => {
    spec.given([created]).when({ type: 'InviteMember', data: { ...invited.data } as never }).then([invited]);
    spec.given([created, invited]).when(accept()).then([joined]);
    spec.given([created, invited, joined]).when(accept()).thenThrows(NotFoundError);
  });

  it('refuses an expired invitation or another address', () => {
    spec.given([created, invited]).when(accept({ acceptedAt: '2030-02-01T00:00:00.000Z' })).thenThrows(DomainError, /expired/);
    spec.given([created, invited]).when(accept({ email: 'mallory@example.com' })).thenThrows(DomainError, /another email/);
  });

  it('refuses a member accepting again', () => {
    spec.given([created, invited]).when(accept({ userId: owner })).thenThrows(DomainError, /already a member/);
  });

  it('revokes a pending invitation', () => {
    spec.given([created, invited]).when({ type: 'RevokeInvitation', data: { tenantId, invitationId, revokedBy: owner } })
      .then([{ type: 'InvitationRevoked', data: { tenantId, invitationId, revokedBy: owner } }]);
    spec.given([created]).when({ type: 'RevokeInvitation', data: { tenantId, invitationId, revokedBy: owner } }).thenThrows(NotFoundError);
  });

  it('removes members but never the owner', () => {
    spec.given([created, invited, joined]).when({ type: 'RemoveMember', data: { tenantId, userId: alice, removedBy: owner } })
      .then([{ type: 'MemberRemoved', data: { tenantId, userId: alice, removedBy: owner } }]);
    spec.given([created]).when({ type: 'RemoveMember', data: { tenantId, userId: owner, removedBy: owner } }).thenThrows(DomainError, /transfer ownership first/);
    spec.given([created]).when({ type: 'RemoveMember', data: { tenantId, userId: 'nobody', removedBy: owner } }).thenThrows(NotFoundError);
  });

  it('transfers ownership only to a member, keeping the previous owner as admin', () => {
    spec.given([created]).when({ type: 'TransferOwnership', data: { tenantId, newOwnerId: 'stranger', transferredBy: owner } }).thenThrows(DomainError, /member/);
    const transferred: TenantAggregateEvent = { type: 'OwnershipTransferred', data: { tenantId, previousOwnerId: owner, newOwnerId: alice } };
    // The previous owner is now an admin and can be removed; the new owner cannot.
    spec.given([created, invited, joined, transferred]).when({ type: 'RemoveMember', data: { tenantId, userId: owner, removedBy: alice } })
      .then([{ type: 'MemberRemoved', data: { tenantId, userId: owner, removedBy: alice } }]);
    spec.given([created, invited, joined, transferred]).when({ type: 'RemoveMember', data: { tenantId, userId: alice, removedBy: owner } }).thenThrows(DomainError);
    spec.given([created, invited, joined, transferred]).when({ type: 'TransferOwnership', data: { tenantId, newOwnerId: alice, transferredBy: alice } }).then([]);
  });

  it('creates and revokes API keys (no secret in the events)', () => {
    const keyCreated: TenantAggregateEvent = { type: 'ApiKeyCreated', data: { tenantId, keyId: 'k1', name: 'ci', scopes: ['tenant:read'], createdBy: owner } };
    spec.given([created]).when({ type: 'CreateApiKey', data: { ...keyCreated.data } as never }).then([keyCreated]);
    spec.given([created, keyCreated]).when({ type: 'RevokeApiKey', data: { tenantId, keyId: 'k1', revokedBy: owner } })
      .then([{ type: 'ApiKeyRevoked', data: { tenantId, keyId: 'k1', revokedBy: owner } }]);
    spec.given([created]).when({ type: 'RevokeApiKey', data: { tenantId, keyId: 'k1', revokedBy: owner } }).thenThrows(NotFoundError);
  });

  it('revokes the keys a member created when the member is removed or demoted, and no one else\'s (docs/decisions/042)', () => {
    const aliceKey: TenantAggregateEvent = { type: 'ApiKeyCreated', data: { tenantId, keyId: 'ka', name: 'alice-ci', scopes: ['tenant:read'], createdBy: alice } };
    const ownerKey: TenantAggregateEvent = { type: 'ApiKeyCreated', data: { tenantId, keyId: 'ko', name: 'owner-ci', scopes: ['tenant:read'], createdBy: owner } };
    const revokedAlready: TenantAggregateEvent = { type: 'ApiKeyRevoked', data: { tenantId, keyId: 'ka', revokedBy: owner } };
    spec.given([created, invited, joined, aliceKey, ownerKey]).when({ type: 'RemoveMember', data: { tenantId, userId: alice, removedBy: owner } }).then([
      { type: 'MemberRemoved', data: { tenantId, userId: alice, removedBy: owner } },
      { type: 'ApiKeyRevoked', data: { tenantId, keyId: 'ka', revokedBy: owner } },
    ]);
    spec.given([created, invited, joined, aliceKey, revokedAlready]).when({ type: 'RemoveMember', data: { tenantId, userId: alice, removedBy: alice } })
      .then([{ type: 'MemberRemoved', data: { tenantId, userId: alice, removedBy: alice } }]);
    spec.given([created, invited, joined, aliceKey, ownerKey]).when({ type: 'TransferOwnership', data: { tenantId, newOwnerId: alice, transferredBy: owner } }).then([
      { type: 'OwnershipTransferred', data: { tenantId, previousOwnerId: owner, newOwnerId: alice } },
      { type: 'ApiKeyRevoked', data: { tenantId, keyId: 'ko', revokedBy: owner } },
    ]);
  });

  it('refuses membership changes on a deleted or unknown tenant', () => {
    const deleted: TenantAggregateEvent = { type: 'TenantDeleted', data: { tenantId, reason: 'gone' } };
    spec.given([created, deleted]).when({ type: 'InviteMember', data: { ...invited.data } as never }).thenThrows(DomainError, /deleted/);
    spec.given([]).when({ type: 'InviteMember', data: { ...invited.data } as never }).thenThrows(NotFoundError);
  });
});
