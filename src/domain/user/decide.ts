import { DomainError, NotFoundError } from '../shared/decider';
import { VerificationRequestedRecentlyError, verificationRetryAfterSeconds } from './emailVerificationThrottle';
import type { UserCommand } from './userCommands';
import type { UserEvent } from './userEvents';
import type { UserState } from './userState';

export function decide(command: UserCommand, state: UserState): UserEvent[] {
  if (command.type === 'RegisterUser') {
    if (state.status !== 'absent') throw new DomainError('user-exists', `User ${command.data.userId} already exists`);
    return [{ type: 'UserRegistered', data: { ...command.data } }];
  }
  if (state.status === 'absent') throw new NotFoundError('User', command.data.userId);
  switch (command.type) {
    case 'UpdateUserProfile':
      return state.displayName === command.data.displayName ? [] : [{ type: 'UserProfileUpdated', data: { ...command.data } }];
    case 'RecordPasswordChange':
      return [{ type: 'PasswordChanged', data: { ...command.data } }];
    case 'RecordPasswordResetRequest':
      return [{ type: 'PasswordResetRequested', data: { ...command.data } }];
    case 'RecordPasswordReset':
      if (!state.pendingResets.includes(command.data.resetId)) {
        throw new DomainError('reset-not-pending', `Password reset ${command.data.resetId} is not pending`);
      }
      return [{ type: 'PasswordResetCompleted', data: { ...command.data } }];
    case 'GrantOperatorRole':
      return state.operator ? [] : [{ type: 'OperatorRoleGranted', data: { ...command.data } }];
    case 'RevokeOperatorRole':
      return state.operator ? [{ type: 'OperatorRoleRevoked', data: { ...command.data } }] : [];
    case 'RequestEmailVerification': {
      if (state.emailVerified) throw new DomainError('email-already-verified', 'This email address is verified already');
      const { minIntervalSeconds, ...request } = command.data;
      const retryAfterSeconds = verificationRetryAfterSeconds(state.lastVerificationRequestedAt, request.requestedAt, minIntervalSeconds);
      if (retryAfterSeconds > 0) throw new VerificationRequestedRecentlyError(retryAfterSeconds);
      return [{ type: 'EmailVerificationRequested', data: request }];
    }
    case 'VerifyEmail':
      // Verifying twice (another link, a retry) changes nothing and is no error.
      if (state.emailVerified) return [];
      if (!state.pendingVerifications.includes(command.data.requestId)) {
        throw new DomainError('verification-not-pending', `Email verification ${command.data.requestId} is not pending`);
      }
      return [{ type: 'EmailVerified', data: { ...command.data } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}
