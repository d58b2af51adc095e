// Commands of the User aggregate. Failed and throttled logins are not commands: they are audit facts
// appended directly (commands/identity/recordAuditEvent). None carries a secret: passwords and tokens live in the identity
// tables; these only record that something happened to them.
/** `verification`: the reference of the first email-verification link (its token is mailed with the
 * welcome mail); absent for users registered before verification existed. */
export type RegisterUser = { type: 'RegisterUser'; data: { userId: string; email: string; displayName: string; verification?: VerificationRequest } };
export type UpdateUserProfile = { type: 'UpdateUserProfile'; data: { userId: string; displayName: string } };
export type RecordPasswordChange = { type: 'RecordPasswordChange'; data: { userId: string; sessionsRevoked: number } };
export type RecordPasswordResetRequest = { type: 'RecordPasswordResetRequest'; data: { userId: string; resetId: string; expiresAt: string } };
export type RecordPasswordReset = { type: 'RecordPasswordReset'; data: { userId: string; resetId: string; sessionsRevoked: number } };
export type GrantOperatorRole = { type: 'GrantOperatorRole'; data: { userId: string; reason?: string } };
export type RevokeOperatorRole = { type: 'RevokeOperatorRole'; data: { userId: string; reason: string } };
/** A new verification link (resend). `requestedAt` (the identity service's clock) and
 * `minIntervalSeconds` (its setting) drive the throttle; the interval is not part of the fact. */
export type RequestEmailVerification = { type: 'RequestEmailVerification'; data: { userId: string; minIntervalSeconds: number } & VerificationRequest };
export type VerifyEmail = { type: 'VerifyEmail'; data: { userId: string; requestId: string } };

export interface VerificationRequest {
  requestId: string;
  requestedAt: string;
  expiresAt: string;
}

export type UserCommand =
  | RegisterUser
  | UpdateUserProfile
  | RecordPasswordChange
  | RecordPasswordResetRequest
  | RecordPasswordReset
  | GrantOperatorRole
  | RevokeOperatorRole
  | RequestEmailVerification
  | VerifyEmail;
