import type { CalendarDay } from '../calendarDays';
import type { Currency, Money } from '../money';
import type { InvoiceKind, InvoiceLineInput, InvoiceTaxRate } from './invoiceTotals';

/** The billing process prepares a document; it is complete when drafted (no line editing), and
 * is issued as it is (a draft is never thrown away: its number may already be given). */
export type DraftInvoice = {
  type: 'DraftInvoice';
  data: {
    invoiceId: string; tenantId: string; instanceId: string; kind: InvoiceKind; currency: Currency;
    lines: InvoiceLineInput[]; tax: InvoiceTaxRate; dueOn: CalendarDay;
    /** For a credit note: the invoice it credits, if any. */
    creditedInvoiceId: string | null;
  };
};
/** Issues the draft with the number its sequence gave it (src/commands/issueInvoice.ts). */
export type IssueInvoice = { type: 'IssueInvoice'; data: { invoiceId: string; number: number; issuedOn: CalendarDay } };
/** A payment confirmed by the gateway; `reference` is the gateway's own (Paynow's), the key that
 * makes a repeated callback or poll a no-op. */
export type RecordPaymentReceived = {
  type: 'RecordPaymentReceived';
  data: { invoiceId: string; reference: string; amount: Money; receivedAt: string };
};
export type WaiveInvoice = { type: 'WaiveInvoice'; data: { invoiceId: string; reason: string; waivedBy: string } };
export type VoidInvoice = { type: 'VoidInvoice'; data: { invoiceId: string; reason: string; voidedBy: string } };

export type InvoiceCommand = DraftInvoice | IssueInvoice | RecordPaymentReceived | WaiveInvoice | VoidInvoice;
