import type { CalendarDay } from '../calendarDays';
import type { InvoiceDrafted } from './invoiceEvents';

type InvoiceDocument = InvoiceDrafted['data'] & {
  /** Every gateway reference already recorded (paid, held or flagged): a repeat is a no-op. */
  paymentReferences: readonly string[];
};
type Numbered = { number: number; issuedOn: CalendarDay };

export type InvoiceState =
  | { status: 'absent' }
  | (InvoiceDocument & { status: 'draft' })
  | (InvoiceDocument & Numbered & { status: 'issued' })
  | (InvoiceDocument & Numbered & { status: 'paid'; paidByReference: string })
  | (InvoiceDocument & Numbered & { status: 'waived' })
  | (InvoiceDocument & Numbered & { status: 'void' });

export type ExistingInvoice = Exclude<InvoiceState, { status: 'absent' }>;

export function initialState(): InvoiceState {
  return { status: 'absent' };
}
