import { v7 } from 'uuid';
import { z } from 'zod';
import type { HandleCommand } from '../../../commands/handleCommand';
import { isCalendarDay } from '../../../domain/billing/calendarDays';
import type { FailedPayment, MonthlyRevenue, PastDueSubscription } from '../../../projections/billing/queryBillingOverview';
import { apiRoute } from '../apiRoute';
import { commandReply } from './commandReply';

export interface BillingOperatorRouteDeps {
  handleCommand: HandleCommand;
  overview: {
    revenue(): Promise<MonthlyRevenue[]>;
    failedPayments(): Promise<FailedPayment[]>;
    pastDue(): Promise<PastDueSubscription[]>;
  };
}

const instanceParams = z.strictObject({ instanceId: z.uuid({ message: 'must be a UUID' }) });
const invoiceParams = z.strictObject({ invoiceId: z.uuid({ message: 'must be a UUID' }) });
const reason = z.string().trim().min(1, 'a reason is required').max(500);
const graceBody = z.strictObject({ graceEndsOn: z.string().refine(isCalendarDay, 'must be a calendar day (YYYY-MM-DD)'), reason });
const waiveBody = z.strictObject({ reason });

/** Operators' billing views (revenue, failed payments, past-due tenants) and dunning levers (issue
 * 15 items 6-7, docs/decisions/052): more time to pay, or an invoice the tenant need not pay, each
 * an event with the reason and the operator. Tenants get 403. */
export function billingOperatorRoutes(deps: BillingOperatorRouteDeps) {
  return [
    apiRoute({
      method: 'get', path: '/api/v1/billing/operator/revenue', operationId: 'billingRevenue', tag: 'Billing',
      summary: 'Operators: paid invoices by month (UTC) and currency, in minor units (never summed across currencies).',
      authorize: () => ({ kind: 'operator' }), responses: { 200: 'Revenue' },
      handle: async () => ({ status: 200, body: { months: await deps.overview.revenue() } }),
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/operator/failed-payments', operationId: 'billingFailedPayments', tag: 'Billing',
      summary: 'Operators: payment attempts that failed or timed out, newest first.',
      authorize: () => ({ kind: 'operator' }), responses: { 200: 'Failed payments' },
      handle: async () => ({ status: 200, body: { payments: await deps.overview.failedPayments() } }),
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/operator/past-due', operationId: 'billingPastDue', tag: 'Billing',
      summary: 'Operators: subscriptions past due or suspended, with their grace end and unpaid invoices.',
      authorize: () => ({ kind: 'operator' }), responses: { 200: 'Past-due subscriptions' },
      handle: async () => ({ status: 200, body: { subscriptions: await deps.overview.pastDue() } }),
    }),
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
