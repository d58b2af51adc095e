import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { VerificationRequestedRecentlyError } from '../../../src/domain/user/emailVerificationThrottle';
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

describe('User decider: email verification', () => {
  const firstLink = { requestId: '01900000-0000-7000-8000-0000000000c1', requestedAt: '2030-01-01T10:00:00.000Z', expiresAt: '2030-01-03T10:00:00.000Z' };
  const secondLink = { requestId: '01900000-0000-7000-8000-0000000000c2', requestedAt: '2030-01-01T10:01:00.000Z', expiresAt: '2030-01-03T10:01:00.000Z' };
  const registeredWithLink: UserEvent = { type: 'UserRegistered', data: { userId, email: 'tendai@example.com', displayName: 'Tendai', verification: firstLink } };
  const resent: UserEvent = { type: 'EmailVerificationRequested', data: { userId, ...secondLink } };
  const verified = (requestId: string): UserEvent => ({ type: 'EmailVerified', data: { userId, requestId } });

  it('registers with the reference of the first verification link', () => {
    spec.given([]).when({ type: 'RegisterUser', data: { userId, email: 'tendai@example.com', displayName: 'Tendai', verification: firstLink } }).then([registeredWithLink]);
  });

  it('verifies with a pending link, whichever of them', () => {
    spec.given([registeredWithLink]).when({ type: 'VerifyEmail', data: { userId, requestId: firstLink.requestId } }).then([verified(firstLink.requestId)]);
    spec.given([registeredWithLink, resent]).when({ type: 'VerifyEmail', data: { userId, requestId: firstLink.requestId } }).then([verified(firstLink.requestId)]);
    spec.given([registeredWithLink, resent]).when({ type: 'VerifyEmail', data: { userId, requestId: secondLink.requestId } }).then([verified(secondLink.requestId)]);
  });

  it('verifying again records nothing (idempotent)', () => {
    spec.given([registeredWithLink, resent, verified(secondLink.requestId)]).when({ type: 'VerifyEmail', data: { userId, requestId: firstLink.requestId } }).then([]);
    spec.given([registeredWithLink, verified(firstLink.requestId)]).when({ type: 'VerifyEmail', data: { userId, requestId: firstLink.requestId } }).then([]);
  });

  it('refuses a link that was never sent to this user, and an unknown user', () => {
    spec.given([registeredWithLink]).when({ type: 'VerifyEmail', data: { userId, requestId: secondLink.requestId } }).thenThrows(DomainError, /not pending/);
    spec.given([registered]).when({ type: 'VerifyEmail', data: { userId, requestId: firstLink.requestId } }).thenThrows(DomainError, /not pending/);
    spec.given([]).when({ type: 'VerifyEmail', data: { userId, requestId: firstLink.requestId } }).thenThrows(NotFoundError);
  });

  it('sends a new link at most once per interval, counting the one sent at registration', () => {
    spec.given([registeredWithLink]).when({ type: 'RequestEmailVerification', data: { userId, ...secondLink, minIntervalSeconds: 60 } }).then([resent]);
    const tooSoon = { ...secondLink, requestedAt: '2030-01-01T10:00:20.000Z' };
    spec.given([registeredWithLink]).when({ type: 'RequestEmailVerification', data: { userId, ...tooSoon, minIntervalSeconds: 60 } })
      .thenThrows(VerificationRequestedRecentlyError, /try again in 40 s/);
    const third = { requestId: '01900000-0000-7000-8000-0000000000c3', requestedAt: '2030-01-01T10:01:30.000Z', expiresAt: '2030-01-03T10:01:30.000Z' };
    spec.given([registeredWithLink, resent]).when({ type: 'RequestEmailVerification', data: { userId, ...third, minIntervalSeconds: 60 } }).thenThrows(VerificationRequestedRecentlyError);
    spec.given([registeredWithLink, resent]).when({ type: 'RequestEmailVerification', data: { userId, ...third, minIntervalSeconds: 30 } })
      .then([{ type: 'EmailVerificationRequested', data: { userId, ...third } }]);
  });

  it('sends a link at once to a user registered before verification existed', () => {
    spec.given([registered]).when({ type: 'RequestEmailVerification', data: { userId, ...secondLink, minIntervalSeconds: 60 } }).then([resent]);
  });

  it('sends no link to a verified address', () => {
    spec.given([registeredWithLink, verified(firstLink.requestId)]).when({ type: 'RequestEmailVerification', data: { userId, ...secondLink, minIntervalSeconds: 60 } })
      .thenThrows(DomainError, /verified already/);
  });
});

describe('normalizeEmail', () => {
  it('folds case, surrounding space and compatibility forms', () => {
    expect(normalizeEmail('  Tendai@Example.COM ')).toBe('tendai@example.com');
    expect(normalizeEmail('ｔｅｎｄａｉ@example.com')).toBe('tendai@example.com');
  });
});
