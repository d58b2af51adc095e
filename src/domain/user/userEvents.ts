// Facts about a user. Never a password, hash or token: a reset carries only its reference (`resetId`).
export type UserRegistered = { type: 'UserRegistered'; data: { userId: string; email: string; displayName: string } };
export type UserProfileUpdated = { type: 'UserProfileUpdated'; data: { userId: string; displayName: string } };
export type PasswordChanged = { type: 'PasswordChanged'; data: { userId: string; sessionsRevoked: number } };
export type PasswordResetRequested = { type: 'PasswordResetRequested'; data: { userId: string; resetId: string; expiresAt: string } };
export type PasswordResetCompleted = { type: 'PasswordResetCompleted'; data: { userId: string; resetId: string; sessionsRevoked: number } };
export type UserLoginFailed = { type: 'UserLoginFailed'; data: { userId: string; reason: 'wrong-password'; ip: string } };
export type UserLoginThrottled = { type: 'UserLoginThrottled'; data: { userId: string; ip: string; retryAfterSeconds: number } };
export type OperatorRoleGranted = { type: 'OperatorRoleGranted'; data: { userId: string } };

export type UserEvent =
  | UserRegistered
  | UserProfileUpdated
  | PasswordChanged
  | PasswordResetRequested
  | PasswordResetCompleted
  | UserLoginFailed
  | UserLoginThrottled
  | OperatorRoleGranted;

export const userEventTypes = [
  'UserRegistered', 'UserProfileUpdated', 'PasswordChanged', 'PasswordResetRequested',
  'PasswordResetCompleted', 'UserLoginFailed', 'UserLoginThrottled', 'OperatorRoleGranted',
] as const satisfies readonly UserEvent['type'][];
