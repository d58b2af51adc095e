import { v7 } from 'uuid';
import { z } from 'zod';
import type { HandleCommand } from '../../../commands/handleCommand';
import { apiRoute } from '../apiRoute';
import { commandReply } from './commandReply';

export interface AdminUserRouteDeps {
  handleCommand: HandleCommand;
}

const userParams = z.strictObject({ userId: z.uuid({ message: 'must be a UUID' }) });
const reasonBody = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(500) });

/** Operators grant and revoke the operator role over the admin API (issue 19 item 1), each with a
 * reason on the user's stream (docs/decisions/055). Granting is idempotent, and so is revoking. */
export function adminUserRoutes(deps: AdminUserRouteDeps) {
  const route = (action: 'grant' | 'revoke') => apiRoute({
    method: 'post', path: `/api/v1/admin/users/:userId/operator/${action}`, operationId: `${action}OperatorRole`, tag: 'admin',
    summary: action === 'grant'
      ? 'Operators: make a registered user a platform operator, with a reason.'
      : 'Operators: take the platform operator role back from a user, with a reason; their next request is a tenant user\'s.',
    params: userParams, body: reasonBody, authorize: () => ({ kind: 'operator' }), responses: { 200: action === 'grant' ? 'Operator role granted' : 'Operator role revoked' },
    handle: async (input) => {
      const result = await deps.handleCommand({
        type: action === 'grant' ? 'GrantOperatorRole' : 'RevokeOperatorRole', data: { userId: input.params.userId, reason: input.body.reason },
        metadata: { commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId },
      });
      return { status: 200, body: commandReply(result) };
    },
  });
  return [route('grant'), route('revoke')];
}
