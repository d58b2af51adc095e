import { DomainError, NotFoundError } from '../shared/decider';
import { decideMembership } from './decideMembership';
import type { TenantCommand } from './tenantCommands';
import type { TenantAggregateEvent } from './tenantEvents';
import type { TenantState } from './tenantState';

export function decide(command: TenantCommand, state: TenantState): TenantAggregateEvent[] {
  switch (command.type) {
    case 'CreateTenant':
      if (state.status !== 'absent') throw new DomainError('tenant-exists', `Tenant ${command.data.tenantId} already exists`);
      return [{ type: 'TenantCreated', data: { ...command.data } }];
    case 'RenameTenant':
      assertActive(state, command.data.tenantId);
      if (state.name === command.data.name) return [];
      return [{ type: 'TenantRenamed', data: { ...command.data } }];
    case 'DeleteTenant':
      assertActive(state, command.data.tenantId);
      return [{ type: 'TenantDeleted', data: { ...command.data } }, ...credentialsEndingWith(state)];
    default:
      assertActive(state, command.data.tenantId);
      return decideMembership(command, state);
  }
}

/** A deleted tenant's machine credentials and pending invitations end with it (docs/decisions/044):
 * revoked as facts in the same append, so nothing issued for the tenant outlives it. */
function credentialsEndingWith(state: Extract<TenantState, { status: 'active' }>): TenantAggregateEvent[] {
  const revokedBy = 'system:tenant-deletion';
  return [
    ...Object.entries(state.apiKeys).filter(([, key]) => !key.revoked)
      .map(([keyId]): TenantAggregateEvent => ({ type: 'ApiKeyRevoked', data: { tenantId: state.tenantId, keyId, revokedBy } })),
    ...Object.keys(state.invitations)
      .map((invitationId): TenantAggregateEvent => ({ type: 'InvitationRevoked', data: { tenantId: state.tenantId, invitationId, revokedBy } })),
  ];
}

export function assertActive(state: TenantState, tenantId: string): asserts state is Extract<TenantState, { status: 'active' }> {
  if (state.status === 'absent') throw new NotFoundError('Tenant', tenantId);
  if (state.status === 'deleted') throw new DomainError('tenant-deleted', `Tenant ${tenantId} is deleted`);
}
