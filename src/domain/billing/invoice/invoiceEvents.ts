import type { CalendarDay } from '../calendarDays';
import type { Currency, Money } from '../money';
import type { InvoiceKind, InvoiceTotals } from './invoiceTotals';

export type InvoiceDrafted = {
  type: 'InvoiceDrafted';
  data: InvoiceTotals & {
    invoiceId: string; tenantId: string; instanceId: string; kind: InvoiceKind; currency: Currency; dueOn: CalendarDay; creditedInvoiceId: string | null;
  };
};
export type InvoiceIssued = {
  type: 'InvoiceIssued';
  data: { invoiceId: string; tenantId: string; instanceId: string; kind: InvoiceKind; number: number; issuedOn: CalendarDay; total: Money; dueOn: CalendarDay };
};
export type InvoicePaid = { type: 'InvoicePaid'; data: { invoiceId: string; reference: string; amount: Money; receivedAt: string } };
/** Held for review: the gateway confirmed a payment whose amount or currency is not the invoice's. */
export type PaymentAmountMismatch = {
  type: 'PaymentAmountMismatch';
  data: { invoiceId: string; reference: string; expected: Money; received: Money; receivedAt: string };
};
/** Held for review (a refund, most likely): money arrived for an invoice already paid under another
 * reference, waived or voided. */
export type UnexpectedPaymentReceived = {
  type: 'UnexpectedPaymentReceived';
  data: { invoiceId: string; reference: string; amount: Money; receivedAt: string; reason: 'already-paid' | 'waived' | 'void' };
};
export type InvoiceWaived = { type: 'InvoiceWaived'; data: { invoiceId: string; reason: string; waivedBy: string } };
export type InvoiceVoided = { type: 'InvoiceVoided'; data: { invoiceId: string; reason: string; voidedBy: string } };

export type InvoiceEvent = InvoiceDrafted | InvoiceIssued | InvoicePaid | PaymentAmountMismatch | UnexpectedPaymentReceived | InvoiceWaived | InvoiceVoided;

export const invoiceEventTypes = [
  'InvoiceDrafted', 'InvoiceIssued', 'InvoicePaid', 'PaymentAmountMismatch', 'UnexpectedPaymentReceived', 'InvoiceWaived', 'InvoiceVoided',
] as const satisfies readonly InvoiceEvent['type'][];
