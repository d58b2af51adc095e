import type { TenantEvent } from './tenantEvents';
import type { TenantState } from './tenantState';

export function evolve(state: TenantState, event: TenantEvent): TenantState {
  switch (event.type) {
    case 'TenantCreated':
      return { status: 'active', tenantId: event.data.tenantId, name: event.data.name };
    case 'TenantRenamed':
      return state.status === 'active' ? { ...state, name: event.data.name } : state;
    case 'TenantDeleted':
      return state.status === 'active' ? { status: 'deleted', tenantId: state.tenantId, name: state.name, reason: event.data.reason } : state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
