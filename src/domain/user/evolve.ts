import type { UserEvent } from './userEvents';
import type { UserState } from './userState';

export function evolve(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UserRegistered') {
    const { userId, email, displayName, verification } = event.data;
    return {
      status: 'active', userId, email, displayName, operator: false, pendingResets: [], emailVerified: false,
      pendingVerifications: verification ? [verification.requestId] : [], lastVerificationRequestedAt: verification?.requestedAt ?? null,
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'UserProfileUpdated':
      return { ...state, displayName: event.data.displayName };
    case 'PasswordResetRequested':
      return { ...state, pendingResets: [...state.pendingResets, event.data.resetId] };
    case 'PasswordResetCompleted':
      return { ...state, pendingResets: state.pendingResets.filter((id) => id !== event.data.resetId) };
    case 'OperatorRoleGranted':
      return { ...state, operator: true };
    case 'OperatorRoleRevoked':
      return { ...state, operator: false };
    case 'EmailVerificationRequested':
      return { ...state, pendingVerifications: [...state.pendingVerifications, event.data.requestId], lastVerificationRequestedAt: event.data.requestedAt };
    case 'EmailVerified':
      return { ...state, emailVerified: true, pendingVerifications: [] };
    case 'PasswordChanged':
    case 'UserLoginFailed':
    case 'UserLoginThrottled':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
