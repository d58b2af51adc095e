import { z } from 'zod';
import type { EventStore } from '../ports/eventStore';
import { currencies } from '../domain/billing/money';
import type { PaymentCommand } from '../domain/billing/payment/paymentCommands';
import { paymentDecider } from '../domain/billing/payment/paymentDecider';
import type { PaymentEvent } from '../domain/billing/payment/paymentEvents';
import type { PaymentState } from '../domain/billing/payment/paymentState';
import { paymentCategory, paymentStream } from '../domain/billing/payment/paymentStream';
import { commandHandler } from './commandHandlerSpec';

const reference = z.uuid().describe('our merchant reference of the payment attempt (docs/decisions/051)');
const moneySchema = z.strictObject({ amountMinor: z.int().min(0), currency: z.enum(currencies) });
const reportedStatus = z.enum(['Created', 'Sent', 'Awaiting Delivery', 'Delivered', 'Paid', 'Cancelled', 'Failed', 'Disputed', 'Refunded']);
const instant = z.iso.datetime();

export const requestPaymentSchema = z.strictObject({
  reference, invoiceId: z.uuid(), tenantId: z.uuid(), amount: moneySchema, method: z.enum(['ecocash', 'onemoney']), requestedAt: instant,
});
export const recordPaymentInitiatedSchema = z.strictObject({ reference, pollUrl: z.url().max(2000), initiatedAt: instant });
export const recordPaymentCallbackSchema = z.strictObject({ reference, paynowReference: z.string().min(1).max(100), status: reportedStatus, receivedAt: instant });
export const confirmPaymentSchema = z.strictObject({ reference, paynowReference: z.string().min(1).max(100), amount: moneySchema, confirmedAt: instant });
export const recordPaymentFailedSchema = z.strictObject({ reference, reason: z.string().min(1).max(500), failedAt: instant });
export const recordPaymentTimedOutSchema = z.strictObject({ reference, lastStatus: reportedStatus.nullable(), timedOutAt: instant });

const paymentAggregate = {
  category: paymentCategory,
  decider: paymentDecider,
  aggregateId: (command: PaymentCommand) => command.data.reference,
};

export async function loadPayment(store: Pick<EventStore, 'readStream'>, paymentReference: string): Promise<PaymentState> {
  const events = await store.readStream(paymentStream(paymentReference));
  return events.reduce((state, event) => paymentDecider.evolve(state, event as unknown as PaymentEvent), paymentDecider.initialState());
}

/** Payment commands (docs/decisions/051): all the platform's own (internal in billingCommandAccess).
 * The pay route computes the amount from the invoice, the result route reports verified callbacks,
 * the payment saga reports what Paynow said. */
export const paymentCommandHandlers = {
  RequestPayment: commandHandler({
    ...paymentAggregate, schema: requestPaymentSchema, description: 'Pay route: a tenant asked to pay an issued invoice by mobile money (internal).',
    toCommand: (data): PaymentCommand => ({ type: 'RequestPayment', data }),
  }),
  RecordPaymentInitiated: commandHandler({
    ...paymentAggregate, schema: recordPaymentInitiatedSchema, description: 'Payment saga: Paynow took the request and gave a poll URL (internal).',
    toCommand: (data): PaymentCommand => ({ type: 'RecordPaymentInitiated', data }),
  }),
  RecordPaymentCallback: commandHandler({
    ...paymentAggregate, schema: recordPaymentCallbackSchema, description: 'Result URL: a verified Paynow callback, confirmed later by polling (internal).',
    toCommand: (data): PaymentCommand => ({ type: 'RecordPaymentCallback', data }),
  }),
  ConfirmPayment: commandHandler({
    ...paymentAggregate, schema: confirmPaymentSchema, description: 'Payment saga: a poll confirmed the payment as paid (internal).',
    toCommand: (data): PaymentCommand => ({ type: 'ConfirmPayment', data }),
  }),
  RecordPaymentFailed: commandHandler({
    ...paymentAggregate, schema: recordPaymentFailedSchema, description: 'Payment saga: Paynow refused, or the payer cancelled or could not pay (internal).',
    toCommand: (data): PaymentCommand => ({ type: 'RecordPaymentFailed', data }),
  }),
  RecordPaymentTimedOut: commandHandler({
    ...paymentAggregate, schema: recordPaymentTimedOutSchema, description: 'Payment saga: no final status in time; the poll URL is kept for reconciliation (internal).',
    toCommand: (data): PaymentCommand => ({ type: 'RecordPaymentTimedOut', data }),
  }),
};
