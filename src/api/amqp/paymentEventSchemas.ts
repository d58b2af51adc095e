import { z } from 'zod';
import { currencies } from '../../domain/billing/money';
import type { PaymentCallbackRejected } from '../../domain/billing/payment/paymentAuditEvents';
import type { PaymentEvent } from '../../domain/billing/payment/paymentEvents';

// Payment attempts (docs/decisions/051), checked against the domain's types like the other
// schemas of src/api/amqp/eventPayloadSchemas.ts. No phone number: it is personal data.
const reference = z.string().describe('our merchant reference (a UUID), the stream payment-<reference>');
const moneyValue = z.object({ amountMinor: z.number().int().describe('minor units (cents)'), currency: z.enum(currencies) });
const instant = z.string().describe('ISO 8601 instant');
const status = z.enum(['Created', 'Sent', 'Awaiting Delivery', 'Delivered', 'Paid', 'Cancelled', 'Failed', 'Disputed', 'Refunded']);

export const paymentEventSchemas: { [Type in PaymentEvent['type']]: z.ZodType<Extract<PaymentEvent, { type: Type }>['data']> } = {
  PaymentRequested: z.object({
    reference, invoiceId: z.string(), tenantId: z.string(), amount: moneyValue, method: z.enum(['ecocash', 'onemoney']), requestedAt: instant,
  }),
  PaymentInitiated: z.object({ reference, pollUrl: z.string().describe('Paynow\'s poll URL: what keeps the payment reconcilable'), initiatedAt: instant }),
  PaymentCallbackReceived: z.object({ reference, paynowReference: z.string(), status, receivedAt: instant }),
  PaymentConfirmed: z.object({ reference, invoiceId: z.string(), paynowReference: z.string(), amount: moneyValue, confirmedAt: instant }),
  PaymentFailed: z.object({ reference, reason: z.string(), failedAt: instant }),
  PaymentTimedOut: z.object({ reference, pollUrl: z.string().nullable(), lastStatus: status.nullable(), timedOutAt: instant }),
};

export const paymentAuditEventSchemas: { PaymentCallbackRejected: z.ZodType<PaymentCallbackRejected['data']> } = {
  PaymentCallbackRejected: z.object({ day: z.string().describe('YYYY-MM-DD, the stream paymentaudit-<day>'), ip: z.string(), reason: z.enum(['hash-mismatch']) }),
};
