import { evolveMembership } from './evolveMembership';
import type { TenantAggregateEvent } from './tenantEvents';
import type { TenantState } from './tenantState';

export function evolve(state: TenantState, event: TenantAggregateEvent): TenantState {
  switch (event.type) {
    case 'TenantCreated': {
      const owner = event.data.ownerId ?? event.data.createdBy;
      return { status: 'active', tenantId: event.data.tenantId, name: event.data.name, members: { [owner]: 'owner' }, invitations: {}, apiKeys: {} };
    }
    case 'TenantRenamed':
      return state.status === 'active' ? { ...state, name: event.data.name } : state;
    case 'TenantDeleted':
      return state.status === 'active' ? { ...state, status: 'deleted', reason: event.data.reason } : state;
    default:
      return state.status === 'absent' ? state : { ...state, ...evolveMembership(state, event) };
  }
}
