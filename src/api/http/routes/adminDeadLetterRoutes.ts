import { z } from 'zod';
import type { OperatorActionRequest } from '../../../commands/admin/recordOperatorAction';
import type { DeadLetterQueues } from '../../../ports/deadLetterQueues';
import { apiRoute } from '../apiRoute';
import { HttpError } from '../httpErrors';

export interface AdminDeadLetterRouteDeps {
  /** Runs with the broker's dead-letter queues, closed after; null when the platform runs without a bus. */
  withQueues: (<T>(run: (queues: Pick<DeadLetterQueues, 'list' | 'redrive'>) => Promise<T>) => Promise<T>) | null;
  recordAction(request: OperatorActionRequest): Promise<{ actionId: string; streamName: string }>;
}

const groupParams = z.strictObject({ group: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a consumer group name (commands = the command ingress)') });
const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  messageId: z.string().min(1).max(200).optional().describe('Only this message (inspect).'),
});
const redriveBody = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required').max(500),
  messageId: z.string().min(1).max(200).optional().describe('Only this message; all of the group\'s dead letters when absent.'),
});

/** Operators' dead-letter queues per consumer group (issue 19 item 1): list, inspect one, redrive after
 * fixing the cause. A redrive is recorded as an event with the operator and the reason. */
export function adminDeadLetterRoutes(deps: AdminDeadLetterRouteDeps) {
  const queues = () => {
    if (!deps.withQueues) throw new HttpError(503, 'bus-disabled', 'No message bus', 'this platform runs without RabbitMQ (BUS_ENABLED=false)');
    return deps.withQueues;
  };
  return [
    apiRoute({
      method: 'get', path: '/api/v1/admin/dead-letters/:group', operationId: 'adminListDeadLetters', tag: 'admin',
      summary: "Operators: a consumer group's dead letters (peeked, not consumed), or one by messageId, with the error that sent each there.",
      params: groupParams, query: listQuery, authorize: () => ({ kind: 'operator' }), responses: { 200: 'Dead letters' },
      handle: async (input) => {
        const { limit, messageId } = input.query;
        const letters = await queues()((dlq) => dlq.list(input.params.group, { limit: messageId ? 1000 : limit }));
        return { status: 200, body: { group: input.params.group, items: messageId ? letters.filter((letter) => letter.messageId === messageId) : letters } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/admin/dead-letters/:group/redrive', operationId: 'adminRedriveDeadLetters', tag: 'admin',
      summary: "Operators: move a consumer group's dead letters (or one) back to its queue with a fresh retry budget, with a reason.",
      params: groupParams, body: redriveBody, authorize: () => ({ kind: 'operator' }), responses: { 200: 'Redriven' },
      handle: async (input) => {
        const { reason, messageId } = input.body;
        const redriven = await queues()((dlq) => dlq.redrive(input.params.group, messageId ? { messageId } : {}));
        const recorded = await deps.recordAction({
          actor: input.context.actor, correlationId: input.context.correlationId, action: 'dead-letters.redrive', target: input.params.group, reason,
          outcome: { redriven, ...(messageId ? { messageId } : {}) },
        });
        return { status: 200, body: { group: input.params.group, redriven, ...recorded } };
      },
    }),
  ];
}
