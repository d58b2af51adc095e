// Commands of the User aggregate. Failed and throttled logins are not commands: they are audit facts
// appended directly (commands/identity/recordAuditEvent). None carries a secret: passwords and tokens live in the identity
// tables; these only record that something happened to them.
export type RegisterUser = { type: 'RegisterUser'; data: { userId: string; email: string; displayName: string } };
export type UpdateUserProfile = { type: 'UpdateUserProfile'; data: { userId: string; displayName: string } };
export type RecordPasswordChange = { type: 'RecordPasswordChange'; data: { userId: string; sessionsRevoked: number } };
export type RecordPasswordResetRequest = { type: 'RecordPasswordResetRequest'; data: { userId: string; resetId: string; expiresAt: string } };
export type RecordPasswordReset = { type: 'RecordPasswordReset'; data: { userId: string; resetId: string; sessionsRevoked: number } };
export type GrantOperatorRole = { type: 'GrantOperatorRole'; data: { userId: string } };

export type UserCommand =
  | RegisterUser
  | UpdateUserProfile
  | RecordPasswordChange
  | RecordPasswordResetRequest
  | RecordPasswordReset
  | GrantOperatorRole;
