import { backupCommandAccess } from '../../commands/backupCommandAccess';
import { billingCommandAccess } from '../../commands/billingCommandAccess';
import { cloneBackupCommandAccess } from '../../commands/cloneBackupCommand';
import { instanceCommandAccess } from '../../commands/instanceCommandAccess';
import { instanceRestoreCommandAccess } from '../../commands/instanceRestoreCommands';
import { tenantBackupTargetCommandAccess } from '../../commands/tenantBackupTargetCommandAccess';
import type { AccessRequest } from '../../domain/authorization/accessRequest';

type Data = Record<string, unknown>;
const tenant = (permission: Extract<AccessRequest, { kind: 'tenant' }>['permission']) =>
  (data: Data): AccessRequest => ({ kind: 'tenant', tenantId: String(data.tenantId), permission });
const internal = (): AccessRequest => ({ kind: 'internal' });

/** What each command asks of the policy when it arrives over an ingress (AMQP), from its validated
 * data. Every command in the handler table must appear here (a test checks it). Commands that only
 * make sense after the identity service checked a secret are `internal`: no ingress may send them. */
export const commandAccess: Readonly<Record<string, (data: Data, actor: string) => AccessRequest>> = {
  CreateTenant: () => ({ kind: 'user' }),
  RenameTenant: tenant('tenant:update'),
  DeleteTenant: tenant('tenant:delete'),
  InviteMember: internal,
  AcceptInvitation: internal,
  RevokeInvitation: tenant('members:manage'),
  RemoveMember: (data) => ({ kind: 'removeMember', tenantId: String(data.tenantId), targetUserId: String(data.userId) }),
  TransferOwnership: tenant('ownership:transfer'),
  CreateApiKey: internal,
  RevokeApiKey: tenant('apikeys:manage'),
  RegisterUser: internal,
  UpdateUserProfile: (data, actor) => (data.userId === actor ? { kind: 'user' } : { kind: 'operator' }),
  RecordPasswordChange: internal,
  RecordPasswordResetRequest: internal,
  RecordPasswordReset: internal,
  GrantOperatorRole: internal,
  RevokeOperatorRole: internal,
  RequestEmailVerification: internal,
  VerifyEmail: internal,
  ...instanceCommandAccess,
  ...instanceRestoreCommandAccess,
  ...backupCommandAccess,
  ...cloneBackupCommandAccess,
  // A tenant's admins and owners (and keys scoped backups:manage) choose its backup policies.
  SetBackupPolicy: tenant('backups:manage'),
  ...tenantBackupTargetCommandAccess,
  ...billingCommandAccess,
};
