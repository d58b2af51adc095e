import type { InvoiceEvent } from './invoiceEvents';
import type { InvoiceState } from './invoiceState';

export function evolveInvoice(state: InvoiceState, event: InvoiceEvent): InvoiceState {
  if (event.type === 'InvoiceDrafted') return { ...event.data, status: 'draft', paymentReferences: [] };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'InvoiceIssued':
      return { ...state, status: 'issued', number: event.data.number, issuedOn: event.data.issuedOn };
    case 'InvoicePaid':
      return state.status === 'issued'
        ? { ...state, status: 'paid', paidByReference: event.data.reference, paymentReferences: [...state.paymentReferences, event.data.reference] }
        : state;
    case 'PaymentAmountMismatch':
    case 'UnexpectedPaymentReceived':
      return { ...state, paymentReferences: [...state.paymentReferences, event.data.reference] };
    case 'InvoiceWaived':
      return state.status === 'issued' ? { ...state, status: 'waived' } : state;
    case 'InvoiceVoided':
      return state.status === 'issued' ? { ...state, status: 'void' } : state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
