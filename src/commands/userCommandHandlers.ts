import type { UserCommand } from '../domain/user/userCommands';
import { userDecider } from '../domain/user/userDecider';
import { commandHandler } from './commandHandlerSpec';
import * as s from './userCommandSchemas';
import { userCategory } from '../domain/user/userStream';

const userAggregate = {
  category: userCategory,
  decider: userDecider,
  aggregateId: (command: UserCommand) => command.data.userId,
};

/** User commands. All but UpdateUserProfile and GrantOperatorRole are `internal` in the policy:
 * only the identity service issues them, after it has checked a password or token itself. */
export const userCommandHandlers = {
  RegisterUser: commandHandler({
    ...userAggregate, schema: s.registerUserSchema, description: 'Record a registered user (identity service only).',
    toCommand: (data): UserCommand => ({ type: 'RegisterUser', data }),
  }),
  UpdateUserProfile: commandHandler({
    ...userAggregate, schema: s.updateUserProfileSchema, description: 'Change a user\'s display name.',
    toCommand: (data): UserCommand => ({ type: 'UpdateUserProfile', data }),
  }),
  RecordPasswordChange: commandHandler({
    ...userAggregate, schema: s.recordPasswordChangeSchema, description: 'Record that a user changed their password (identity service only).',
    toCommand: (data): UserCommand => ({ type: 'RecordPasswordChange', data }),
  }),
  RecordPasswordResetRequest: commandHandler({
    ...userAggregate, schema: s.recordPasswordResetRequestSchema, description: 'Record a password reset request by reference (identity service only).',
    toCommand: (data): UserCommand => ({ type: 'RecordPasswordResetRequest', data }),
  }),
  RecordPasswordReset: commandHandler({
    ...userAggregate, schema: s.recordPasswordResetSchema, description: 'Record a completed password reset (identity service only).',
    toCommand: (data): UserCommand => ({ type: 'RecordPasswordReset', data }),
  }),
  GrantOperatorRole: commandHandler({
    ...userAggregate, schema: s.grantOperatorRoleSchema, description: 'Make a user a platform operator (the CLI, or an operator over the admin API with a reason).',
    toCommand: (data): UserCommand => ({ type: 'GrantOperatorRole', data }),
  }),
  RevokeOperatorRole: commandHandler({
    ...userAggregate, schema: s.revokeOperatorRoleSchema, description: 'Take the platform operator role back, with a reason (operators, admin API).',
    toCommand: (data): UserCommand => ({ type: 'RevokeOperatorRole', data }),
  }),
  RequestEmailVerification: commandHandler({
    ...userAggregate, schema: s.requestEmailVerificationSchema, description: 'Record a new email-verification link by reference, at most one a minute (identity service only).',
    toCommand: (data): UserCommand => ({ type: 'RequestEmailVerification', data }),
  }),
  VerifyEmail: commandHandler({
    ...userAggregate, schema: s.verifyEmailSchema, description: 'Record that a user proved their email address with a mailed link (identity service only).',
    toCommand: (data): UserCommand => ({ type: 'VerifyEmail', data }),
  }),
};
