import type { Money } from '../money';

/** How the payer pays; the phone itself is personal data and never in an event (docs/decisions/051). */
export type PaymentMethod = 'ecocash' | 'onemoney';

/** The statuses Paynow reports (src/ports/paymentGateway.ts), as the domain records them. */
export type ReportedPaymentStatus =
  'Created' | 'Sent' | 'Awaiting Delivery' | 'Delivered' | 'Paid' | 'Cancelled' | 'Failed' | 'Disputed' | 'Refunded';

export type PaymentRequested = {
  type: 'PaymentRequested';
  data: { reference: string; invoiceId: string; tenantId: string; amount: Money; method: PaymentMethod; requestedAt: string };
};
/** The provider took the request; `pollUrl` is what keeps the money state reconcilable. */
export type PaymentInitiated = { type: 'PaymentInitiated'; data: { reference: string; pollUrl: string; initiatedAt: string } };
/** A verified result-URL post. Only a hint: the saga confirms it by polling before anything is paid. */
export type PaymentCallbackReceived = {
  type: 'PaymentCallbackReceived';
  data: { reference: string; paynowReference: string; status: ReportedPaymentStatus; receivedAt: string };
};
/** A poll said paid: the invoice is told once, under Paynow's reference. */
export type PaymentConfirmed = {
  type: 'PaymentConfirmed';
  data: { reference: string; invoiceId: string; paynowReference: string; amount: Money; confirmedAt: string };
};
export type PaymentFailed = { type: 'PaymentFailed'; data: { reference: string; reason: string; failedAt: string } };
/** No final status in time: the poll URL stays, so reconciliation can still find the money. */
export type PaymentTimedOut = {
  type: 'PaymentTimedOut';
  data: { reference: string; pollUrl: string | null; lastStatus: ReportedPaymentStatus | null; timedOutAt: string };
};

export type PaymentEvent = PaymentRequested | PaymentInitiated | PaymentCallbackReceived | PaymentConfirmed | PaymentFailed | PaymentTimedOut;

export const paymentEventTypes = [
  'PaymentRequested', 'PaymentInitiated', 'PaymentCallbackReceived', 'PaymentConfirmed', 'PaymentFailed', 'PaymentTimedOut',
] as const satisfies readonly PaymentEvent['type'][];
