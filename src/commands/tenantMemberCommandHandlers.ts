import type { TenantCommand } from '../domain/tenant/tenantCommands';
import { tenantDecider } from '../domain/tenant/tenantDecider';
import { commandHandler } from './commandHandlerSpec';
import * as s from './tenantMemberCommandSchemas';
import { tenantCategory } from '../domain/tenant/tenantStream';

const tenantAggregate = {
  category: tenantCategory,
  decider: tenantDecider,
  aggregateId: (command: TenantCommand) => command.data.tenantId,
};

/** Members, invitations and API keys of a tenant. AcceptInvitation and CreateApiKey are `internal`
 * in the policy: they only make sense next to the token or key the identity service handles. */
export const tenantMemberCommandHandlers = {
  InviteMember: commandHandler({
    ...tenantAggregate, schema: s.inviteMemberSchema, description: 'Invite someone by email (the token itself is held by the identity service).',
    toCommand: (data): TenantCommand => ({ type: 'InviteMember', data }),
  }),
  AcceptInvitation: commandHandler({
    ...tenantAggregate, schema: s.acceptInvitationSchema, description: 'Join a tenant with an invitation (identity service only).',
    toCommand: (data): TenantCommand => ({ type: 'AcceptInvitation', data }),
  }),
  RevokeInvitation: commandHandler({
    ...tenantAggregate, schema: s.revokeInvitationSchema, description: 'Withdraw a pending invitation.',
    toCommand: (data): TenantCommand => ({ type: 'RevokeInvitation', data }),
  }),
  RemoveMember: commandHandler({
    ...tenantAggregate, schema: s.removeMemberSchema, description: 'Remove a member (or leave the tenant).',
    toCommand: (data): TenantCommand => ({ type: 'RemoveMember', data }),
  }),
  TransferOwnership: commandHandler({
    ...tenantAggregate, schema: s.transferOwnershipSchema, description: 'Hand the tenant to another member; the old owner becomes an admin.',
    toCommand: (data): TenantCommand => ({ type: 'TransferOwnership', data }),
  }),
  CreateApiKey: commandHandler({
    ...tenantAggregate, schema: s.createApiKeySchema, description: 'Record a new API key (identity service only; the secret is never in the event).',
    toCommand: (data): TenantCommand => ({ type: 'CreateApiKey', data }),
  }),
  RevokeApiKey: commandHandler({
    ...tenantAggregate, schema: s.revokeApiKeySchema, description: 'Revoke an API key.',
    toCommand: (data): TenantCommand => ({ type: 'RevokeApiKey', data }),
  }),
};
