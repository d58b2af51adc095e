import type { VerificationRequest } from './userCommands';

// Facts about a user. Never a password, hash or token: a reset carries only its reference (`resetId`),
// an email-verification link its `requestId`.
export type UserRegistered = { type: 'UserRegistered'; data: { userId: string; email: string; displayName: string; verification?: VerificationRequest } };
export type UserProfileUpdated = { type: 'UserProfileUpdated'; data: { userId: string; displayName: string } };
export type PasswordChanged = { type: 'PasswordChanged'; data: { userId: string; sessionsRevoked: number } };
export type PasswordResetRequested = { type: 'PasswordResetRequested'; data: { userId: string; resetId: string; expiresAt: string } };
export type PasswordResetCompleted = { type: 'PasswordResetCompleted'; data: { userId: string; resetId: string; sessionsRevoked: number } };
export type UserLoginFailed = { type: 'UserLoginFailed'; data: { userId: string; reason: 'wrong-password'; ip: string } };
export type UserLoginThrottled = { type: 'UserLoginThrottled'; data: { userId: string; ip: string; retryAfterSeconds: number } };
/** `reason`: given by operators over the admin API (the CLI's grant has none). */
export type OperatorRoleGranted = { type: 'OperatorRoleGranted'; data: { userId: string; reason?: string } };
export type OperatorRoleRevoked = { type: 'OperatorRoleRevoked'; data: { userId: string; reason: string } };
export type EmailVerificationRequested = { type: 'EmailVerificationRequested'; data: { userId: string } & VerificationRequest };
export type EmailVerified = { type: 'EmailVerified'; data: { userId: string; requestId: string } };

export type UserEvent =
  | UserRegistered
  | UserProfileUpdated
  | PasswordChanged
  | PasswordResetRequested
  | PasswordResetCompleted
  | UserLoginFailed
  | UserLoginThrottled
  | OperatorRoleGranted
  | OperatorRoleRevoked
  | EmailVerificationRequested
  | EmailVerified;

export const userEventTypes = [
  'UserRegistered', 'UserProfileUpdated', 'PasswordChanged', 'PasswordResetRequested',
  'PasswordResetCompleted', 'UserLoginFailed', 'UserLoginThrottled', 'OperatorRoleGranted', 'OperatorRoleRevoked',
  'EmailVerificationRequested', 'EmailVerified',
] as const satisfies readonly UserEvent['type'][];
