import { DomainError, NotFoundError } from '../../shared/decider';
import { money } from '../money';
import type { InvoiceCommand, RecordPaymentReceived } from './invoiceCommands';
import type { InvoiceEvent } from './invoiceEvents';
import type { ExistingInvoice, InvoiceState } from './invoiceState';
import { invoiceTotals } from './invoiceTotals';

export function decideInvoice(command: InvoiceCommand, state: InvoiceState): InvoiceEvent[] {
  const { invoiceId } = command.data;
  if (command.type === 'DraftInvoice') {
    if (state.status !== 'absent') throw new DomainError('invoice-exists', `Invoice ${invoiceId} already exists`);
    const { lines, tax, ...document } = command.data;
    if (lines.length === 0) throw new DomainError('invoice-empty', 'An invoice needs at least one line');
    // A credit is its own document (a credit note), never a negative line hidden in an invoice.
    if (lines.some((line) => !Number.isInteger(line.quantity) || line.quantity < 1 || line.unitAmountMinor < 0)) {
      throw new DomainError('invalid-invoice', 'Lines need a whole quantity of at least 1 and an amount that is not negative');
    }
    if (document.kind === 'invoice' && document.creditedInvoiceId !== null) throw new DomainError('invalid-invoice', 'Only a credit note credits an invoice');
    return [{ type: 'InvoiceDrafted', data: { ...document, ...invoiceTotals(lines, tax, document.currency) } }];
  }
  if (state.status === 'absent') throw new NotFoundError('Invoice', invoiceId);

  switch (command.type) {
    case 'IssueInvoice': {
      const { number, issuedOn } = command.data;
      if (state.status !== 'draft') {
        if (state.number === number) return [];
        throw new DomainError('invoice-number-differs', `Invoice ${invoiceId} was issued as number ${state.number}, not ${number}`);
      }
      const { tenantId, instanceId, kind, currency, totalMinor, dueOn } = state;
      return [{ type: 'InvoiceIssued', data: { invoiceId, tenantId, instanceId, kind, number, issuedOn, total: money(totalMinor, currency), dueOn } }];
    }
    case 'RecordPaymentReceived':
      return paymentOutcome(state, command);
    case 'WaiveInvoice': {
      assertPayable(state);
      if (state.status === 'waived') return [];
      assertStatus(state, 'issued', 'waive');
      return [{ type: 'InvoiceWaived', data: { invoiceId, reason: command.data.reason, waivedBy: command.data.waivedBy } }];
    }
    case 'VoidInvoice':
      if (state.status === 'void') return [];
      assertStatus(state, 'issued', 'void');
      return [{ type: 'InvoiceVoided', data: { invoiceId, reason: command.data.reason, voidedBy: command.data.voidedBy } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

/** Paid exactly once, keyed by the gateway's reference. Money that arrives where it is not expected
 * is never refused (it has been taken from someone): it is recorded and held for review. */
function paymentOutcome(state: ExistingInvoice, { data }: RecordPaymentReceived): InvoiceEvent[] {
  assertPayable(state);
  const { invoiceId, reference, amount, receivedAt } = data;
  if (state.paymentReferences.includes(reference)) return [];
  switch (state.status) {
    case 'draft':
      throw new DomainError('invoice-not-issued', `Invoice ${invoiceId} is not issued yet`);
    case 'issued': {
      const expected = money(state.totalMinor, state.currency);
      if (amount.amountMinor !== expected.amountMinor || amount.currency !== expected.currency) {
        return [{ type: 'PaymentAmountMismatch', data: { invoiceId, reference, expected, received: amount, receivedAt } }];
      }
      return [{ type: 'InvoicePaid', data: { invoiceId, reference, amount, receivedAt } }];
    }
    case 'paid':
      return [{ type: 'UnexpectedPaymentReceived', data: { invoiceId, reference, amount, receivedAt, reason: 'already-paid' } }];
    case 'waived':
    case 'void':
      return [{ type: 'UnexpectedPaymentReceived', data: { invoiceId, reference, amount, receivedAt, reason: state.status } }];
    default: {
      const unknownStatus: never = state;
      return unknownStatus;
    }
  }
}

function assertPayable(state: ExistingInvoice): void {
  if (state.kind === 'creditNote') throw new DomainError('credit-note-not-payable', `${state.invoiceId} is a credit note: it is owed to the tenant, not paid or waived`);
}

function assertStatus(state: ExistingInvoice, allowed: ExistingInvoice['status'], action: string): void {
  if (state.status !== allowed) throw new DomainError('invalid-transition', `Cannot ${action} invoice ${state.invoiceId} while it is ${state.status}`);
}
