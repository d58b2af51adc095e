import type { Decider } from '../../shared/decider';
import type { Currency } from '../money';
import type { InvoiceKind } from './invoiceTotals';

// The numbers of one kind of document in one currency, gapless: a number is given by appending to
// the sequence's stream with the version read, so two racing issuers cannot both take the same
// number (one append fails and retries with the next). The n-th event gives number n.

export type AssignInvoiceNumber = { type: 'AssignInvoiceNumber'; data: { kind: InvoiceKind; currency: Currency; invoiceId: string } };

type NumberAssignment = { currency: Currency; invoiceId: string; number: number };
export type InvoiceNumberAssigned = { type: 'InvoiceNumberAssigned'; data: NumberAssignment };
export type CreditNoteNumberAssigned = { type: 'CreditNoteNumberAssigned'; data: NumberAssignment };
export type InvoiceNumberEvent = InvoiceNumberAssigned | CreditNoteNumberAssigned;
export const invoiceNumberEventTypes = ['InvoiceNumberAssigned', 'CreditNoteNumberAssigned'] as const satisfies readonly InvoiceNumberEvent['type'][];

const assignedEventType = { invoice: 'InvoiceNumberAssigned', creditNote: 'CreditNoteNumberAssigned' } as const satisfies Record<InvoiceKind, InvoiceNumberEvent['type']>;

export interface InvoiceNumberSequenceState {
  lastNumber: number;
  numberOfInvoice: Readonly<Record<string, number>>;
}

export const invoiceNumberSequenceDecider: Decider<InvoiceNumberSequenceState, AssignInvoiceNumber, InvoiceNumberEvent> = {
  initialState: () => ({ lastNumber: 0, numberOfInvoice: {} }),
  // An invoice keeps the number it was given: asking again (a retried issue) gives nothing new.
  decide: ({ data: { kind, currency, invoiceId } }, state) => (Object.hasOwn(state.numberOfInvoice, invoiceId)
    ? []
    : [{ type: assignedEventType[kind], data: { currency, invoiceId, number: state.lastNumber + 1 } }]),
  evolve: (state, { data }) => ({ lastNumber: data.number, numberOfInvoice: { ...state.numberOfInvoice, [data.invoiceId]: data.number } }),
};
