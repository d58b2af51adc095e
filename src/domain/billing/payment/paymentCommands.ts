import type { Money } from '../money';
import type { PaymentMethod, ReportedPaymentStatus } from './paymentEvents';

export type RequestPayment = {
  type: 'RequestPayment';
  data: { reference: string; invoiceId: string; tenantId: string; amount: Money; method: PaymentMethod; requestedAt: string };
};
export type RecordPaymentInitiated = { type: 'RecordPaymentInitiated'; data: { reference: string; pollUrl: string; initiatedAt: string } };
export type RecordPaymentCallback = {
  type: 'RecordPaymentCallback';
  data: { reference: string; paynowReference: string; status: ReportedPaymentStatus; receivedAt: string };
};
export type ConfirmPayment = { type: 'ConfirmPayment'; data: { reference: string; paynowReference: string; amount: Money; confirmedAt: string } };
export type RecordPaymentFailed = { type: 'RecordPaymentFailed'; data: { reference: string; reason: string; failedAt: string } };
export type RecordPaymentTimedOut = {
  type: 'RecordPaymentTimedOut';
  data: { reference: string; lastStatus: ReportedPaymentStatus | null; timedOutAt: string };
};

export type PaymentCommand = RequestPayment | RecordPaymentInitiated | RecordPaymentCallback | ConfirmPayment | RecordPaymentFailed | RecordPaymentTimedOut;
