import { v7 } from 'uuid';
import { z } from 'zod';
import type { HandleCommand } from '../../../commands/handleCommand';
import { isCalendarDay } from '../../../domain/billing/calendarDays';
import { apiRoute } from '../apiRoute';
import { commandReply } from './commandReply';

export interface BillingOperatorRouteDeps {
  handleCommand: HandleCommand;
}

const instanceParams = z.strictObject({ instanceId: z.uuid({ message: 'must be a UUID' }) });
const invoiceParams = z.strictObject({ invoiceId: z.uuid({ message: 'must be a UUID' }) });
const reason = z.string().trim().min(1, 'a reason is required').max(500);
const graceBody = z.strictObject({ graceEndsOn: z.string().refine(isCalendarDay, 'must be a calendar day (YYYY-MM-DD)'), reason });
const waiveBody = z.strictObject({ reason });

/** Operators' dunning levers (issue 15 item 6, docs/decisions/052): more time to pay, or an invoice
 * the tenant need not pay; each an event with the reason and the operator. Tenants get 403. */
export function billingOperatorRoutes(deps: BillingOperatorRouteDeps) {
  return [
    apiRoute({
      method: 'post', path: '/api/v1/billing/operator/instances/:instanceId/grace', operationId: 'extendSubscriptionGrace', tag: 'Billing',
      summary: 'Operators: extend a past-due subscription\'s grace period to a later day, with a reason; a suspended instance is started again meanwhile.',
      params: instanceParams, body: graceBody, authorize: () => ({ kind: 'operator' }), responses: { 200: 'Grace extended' },
      handle: async (input) => {
        const result = await deps.handleCommand({
          type: 'ExtendSubscriptionGrace', data: { instanceId: input.params.instanceId, ...input.body },
          metadata: { commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId },
        });
        return { status: 200, body: commandReply(result) };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/billing/operator/invoices/:invoiceId/waive', operationId: 'waiveInvoice', tag: 'Billing',
      summary: 'Operators: the tenant need not pay this issued invoice (with a reason); its subscription counts it settled.',
      params: invoiceParams, body: waiveBody, authorize: () => ({ kind: 'operator' }), responses: { 200: 'Invoice waived' },
      handle: async (input) => {
        const result = await deps.handleCommand({
          type: 'WaiveInvoice', data: { invoiceId: input.params.invoiceId, ...input.body },
          metadata: { commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId },
        });
        return { status: 200, body: commandReply(result) };
      },
    }),
  ];
}
