import { z } from 'zod';
import { acceptInvitation } from '../../../commands/identity/acceptInvitation';
import type { IdentityDeps } from '../../../commands/identity/identityDeps';
import { ForbiddenError } from '../../../commands/identity/identityErrors';
import { inviteMember } from '../../../commands/identity/inviteMember';
import { sendIdentityCommand } from '../../../commands/identity/sendIdentityCommand';
import { syncRevokedApiKeys } from '../../../commands/identity/syncRevokedApiKeys';
import { emailSchema } from '../../../commands/userCommandSchemas';
import { invitableRoles } from '../../../domain/tenant/tenantRole';
import type { MemberQueries } from '../../../projections/tenantMembers/createMemberQueries';
import { apiRoute, type RouteInput } from '../apiRoute';
import { commandReply } from './commandReply';

export interface MemberRouteDeps {
  identity: IdentityDeps;
  members: MemberQueries;
  /** Waits until `tenant_members` has passed `minPosition`; throws ReadModelBehindError. */
  waitForMembersProjection(minPosition: string): Promise<void>;
}

const tenantParams = z.strictObject({ tenantId: z.uuid() });
const memberParams = z.strictObject({ tenantId: z.uuid(), userId: z.uuid() });
const invitationParams = z.strictObject({ tenantId: z.uuid(), invitationId: z.uuid() });

function callContext(input: RouteInput<unknown, unknown, unknown>) {
  return { actor: input.context.actor, correlationId: input.context.correlationId, ...(input.idempotencyKey ? { commandId: input.idempotencyKey } : {}) };
}

/** Members of a tenant: list, invite by email, accept, remove (or leave), transfer ownership. */
export function memberRoutes(deps: MemberRouteDeps) {
  const { identity } = deps;
  return [
    apiRoute({
      method: 'get', path: '/api/v1/tenants/:tenantId/members', operationId: 'listMembers', tag: 'members',
      summary: 'Members of the tenant with their roles.', params: tenantParams,
      authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'members:read' }), responses: { 200: 'Members' },
      async handle(input) {
        if (input.minPosition) await deps.waitForMembersProjection(input.minPosition);
        return { status: 200, body: { items: await deps.members.listMembers(input.params.tenantId) } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/tenants/:tenantId/invitations', operationId: 'inviteMember', tag: 'members',
      summary: 'Invite someone by email as admin or member; the link is mailed to them (never returned here).',
      params: tenantParams, body: z.strictObject({ email: emailSchema, role: z.enum(invitableRoles).default('member') }),
      authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'members:manage' }), responses: { 201: 'Invited' },
      async handle(input) {
        const { tenantId } = input.params;
        const { invitationId, expiresAt, result } = await inviteMember(identity, { tenantId, ...input.body, ip: input.context.client.ip }, callContext(input));
        return { status: 201, body: { tenantId, invitationId, expiresAt, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'delete', path: '/api/v1/tenants/:tenantId/invitations/:invitationId', operationId: 'revokeInvitation', tag: 'members',
      summary: 'Withdraw a pending invitation.', params: invitationParams,
      authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'members:manage' }), responses: { 200: 'Revoked' },
      async handle(input) {
        const { tenantId, invitationId } = input.params;
        const result = await sendIdentityCommand(identity, callContext(input), 'RevokeInvitation', { tenantId, invitationId, revokedBy: input.context.actor }, tenantId);
        return { status: 200, body: { tenantId, invitationId, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/invitations/accept', operationId: 'acceptInvitation', tag: 'members',
      summary: 'Join a tenant with the mailed invitation token; it must be used by the invited email\'s account.',
      body: z.strictObject({ token: z.string().min(1).max(200) }), authorize: () => ({ kind: 'user' }), responses: { 200: 'Joined' },
      async handle(input) {
        const principal = input.context.principal;
        if (principal.kind !== 'user') throw new ForbiddenError('only people can accept invitations');
        const { tenantId, result } = await acceptInvitation(identity, principal.userId, input.body.token, callContext(input));
        return { status: 200, body: { tenantId, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'delete', path: '/api/v1/tenants/:tenantId/members/:userId', operationId: 'removeMember', tag: 'members',
      summary: 'Remove a member of a lower role, or leave the tenant yourself (the API keys they created are revoked). The owner must transfer ownership first.',
      params: memberParams, authorize: ({ tenantId, userId }) => ({ kind: 'removeMember', tenantId, targetUserId: userId }),
      responses: { 200: 'Removed' },
      async handle(input) {
        const { tenantId, userId } = input.params;
        const result = await sendIdentityCommand(identity, callContext(input), 'RemoveMember', { tenantId, userId, removedBy: input.context.actor }, tenantId);
        await syncRevokedApiKeys(identity, tenantId);
        return { status: 200, body: { tenantId, userId, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/tenants/:tenantId/ownership', operationId: 'transferOwnership', tag: 'members',
      summary: 'Make another member the owner; the current owner stays on as an admin, and the API keys they created are revoked.',
      params: tenantParams, body: z.strictObject({ newOwnerId: z.uuid() }),
      authorize: ({ tenantId }) => ({ kind: 'tenant', tenantId, permission: 'ownership:transfer' }), responses: { 200: 'Transferred' },
      async handle(input) {
        const { tenantId } = input.params;
        const result = await sendIdentityCommand(identity, callContext(input), 'TransferOwnership', {
          tenantId, newOwnerId: input.body.newOwnerId, transferredBy: input.context.actor,
        }, tenantId);
        await syncRevokedApiKeys(identity, tenantId);
        return { status: 200, body: { tenantId, ownerId: input.body.newOwnerId, ...commandReply(result) } };
      },
    }),
  ];
}
