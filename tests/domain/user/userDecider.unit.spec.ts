import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { normalizeEmail } from '../../../src/domain/user/normalizeEmail';
import { userDecider } from '../../../src/domain/user/userDecider';
import type { UserEvent } from '../../../src/domain/user/userEvents';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec(userDecider);
const userId = '01900000-0000-7000-8000-0000000000aa';
const registered: UserEvent = { type: 'UserRegistered', data: { userId, email: 'tendai@example.com', displayName: 'Tendai' } };
const resetId = '01900000-0000-7000-8000-0000000000bb';

describe('User decider', () => {
  it('registers a new user', () => {
    spec.given([]).when({ type: 'RegisterUser', data: { userId, email: 'tendai@example.com', displayName: 'Tendai' } }).then([registered]);
  });

  it('refuses to register the same user twice', () => {
    spec.given([registered]).when({ type: 'RegisterUser', data: { userId, email: 'x@example.com', displayName: 'X' } }).thenThrows(DomainError, /already exists/);
  });

  it('updates the profile, and records nothing when unchanged', () => {
    spec.given([registered]).when({ type: 'UpdateUserProfile', data: { userId, displayName: 'Tendai M.' } })
      .then([{ type: 'UserProfileUpdated', data: { userId, displayName: 'Tendai M.' } }]);
    spec.given([registered]).when({ type: 'UpdateUserProfile', data: { userId, displayName: 'Tendai' } }).then([]);
  });

  it('needs an existing user for everything but registration', () => {
    spec.given([]).when({ type: 'RecordPasswordChange', data: { userId, sessionsRevoked: 0 } }).thenThrows(NotFoundError);
    spec.given([]).when({ type: 'GrantOperatorRole', data: { userId } }).thenThrows(NotFoundError);
  });

  it('completes a requested password reset exactly once', () => {
    const requested: UserEvent = { type: 'PasswordResetRequested', data: { userId, resetId, expiresAt: '2030-01-01T00:00:00.000Z' } };
    const completed: UserEvent = { type: 'PasswordResetCompleted', data: { userId, resetId, sessionsRevoked: 2 } };
    spec.given([registered, requested]).when({ type: 'RecordPasswordReset', data: { userId, resetId, sessionsRevoked: 2 } }).then([completed]);
    spec.given([registered, requested, completed]).when({ type: 'RecordPasswordReset', data: { userId, resetId, sessionsRevoked: 0 } })
      .thenThrows(DomainError, /not pending/);
    spec.given([registered]).when({ type: 'RecordPasswordReset', data: { userId, resetId, sessionsRevoked: 0 } }).thenThrows(DomainError);
  });

  it('grants the operator role once', () => {
    const granted: UserEvent = { type: 'OperatorRoleGranted', data: { userId } };
    spec.given([registered]).when({ type: 'GrantOperatorRole', data: { userId } }).then([granted]);
    spec.given([registered, granted]).when({ type: 'GrantOperatorRole', data: { userId } }).then([]);
  });
});

describe('normalizeEmail', () => {
  it('folds case, surrounding space and compatibility forms', () => {
    expect(normalizeEmail('  Tendai@Example.COM ')).toBe('tendai@example.com');
    expect(normalizeEmail('ｔｅｎｄａｉ@example.com')).toBe('tendai@example.com');
  });
});
