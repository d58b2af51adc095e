import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { tenantDecider } from '../../../src/domain/tenant/tenantDecider';
import type { TenantAggregateEvent, TenantEvent } from '../../../src/domain/tenant/tenantEvents';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec(tenantDecider);
const tenantId = '01900000-0000-7000-8000-000000000001';
const created: TenantEvent = { type: 'TenantCreated', data: { tenantId, name: 'Harare Hardware', createdBy: 'user-1' } };

describe('Tenant decider', () => {
  it('creates a tenant that does not exist', () => {
    spec.given([]).when({ type: 'CreateTenant', data: { tenantId, name: 'Harare Hardware', createdBy: 'user-1' } }).then([created]);
  });

  it('refuses to create a tenant twice', () => {
    spec.given([created]).when({ type: 'CreateTenant', data: { tenantId, name: 'Other', createdBy: 'user-2' } }).thenThrows(DomainError, /already exists/);
  });

  it('renames an active tenant', () => {
    spec.given([created]).when({ type: 'RenameTenant', data: { tenantId, name: 'Bulawayo Hardware' } })
      .then([{ type: 'TenantRenamed', data: { tenantId, name: 'Bulawayo Hardware' } }]);
  });

  it('records nothing when renaming to the same name', () => {
    spec.given([created]).when({ type: 'RenameTenant', data: { tenantId, name: 'Harare Hardware' } }).then([]);
  });

  it('cannot rename a tenant that does not exist', () => {
    spec.given([]).when({ type: 'RenameTenant', data: { tenantId, name: 'X' } }).thenThrows(NotFoundError);
  });

  it('soft-deletes with a reason', () => {
    spec.given([created]).when({ type: 'DeleteTenant', data: { tenantId, reason: 'customer left' } })
      .then([{ type: 'TenantDeleted', data: { tenantId, reason: 'customer left' } }]);
  });

  it('revokes the live API keys and pending invitations with the deletion (docs/decisions/044)', () => {
    const events: TenantAggregateEvent[] = [
      created,
      { type: 'ApiKeyCreated', data: { tenantId, keyId: 'k1', name: 'ci', scopes: ['tenant:read'], createdBy: 'user-1' } },
      { type: 'ApiKeyCreated', data: { tenantId, keyId: 'k2', name: 'old', scopes: ['tenant:read'], createdBy: 'user-1' } },
      { type: 'ApiKeyRevoked', data: { tenantId, keyId: 'k2', revokedBy: 'user-1' } },
      { type: 'MemberInvited', data: { tenantId, invitationId: 'i1', email: 'a@example.com', role: 'member', invitedBy: 'user-1', expiresAt: '2030-01-01T00:00:00.000Z' } },
    ];
    spec.given(events).when({ type: 'DeleteTenant', data: { tenantId, reason: 'customer left' } }).then([
      { type: 'TenantDeleted', data: { tenantId, reason: 'customer left' } },
      { type: 'ApiKeyRevoked', data: { tenantId, keyId: 'k1', revokedBy: 'system:tenant-deletion' } },
      { type: 'InvitationRevoked', data: { tenantId, invitationId: 'i1', revokedBy: 'system:tenant-deletion' } },
    ]);
  });

  it('cannot rename or delete a deleted tenant', () => {
    const deleted: TenantEvent = { type: 'TenantDeleted', data: { tenantId, reason: 'gone' } };
    spec.given([created, deleted]).when({ type: 'RenameTenant', data: { tenantId, name: 'Y' } }).thenThrows(DomainError, /deleted/);
    spec.given([created, deleted]).when({ type: 'DeleteTenant', data: { tenantId, reason: 'again' } }).thenThrows(DomainError, /deleted/);
  });
});
