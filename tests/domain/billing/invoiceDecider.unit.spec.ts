import type { InvoiceCommand } from '../../../src/domain/billing/invoice/invoiceCommands';
import { invoiceDecider } from '../../../src/domain/billing/invoice/invoiceDecider';
import type { InvoiceEvent } from '../../../src/domain/billing/invoice/invoiceEvents';
import { invoiceNumberSequenceDecider, type AssignInvoiceNumber, type InvoiceNumberEvent } from '../../../src/domain/billing/invoice/invoiceNumberSequence';
import { invoiceNumberStream, invoiceStream } from '../../../src/domain/billing/invoice/invoiceStream';
import { invoiceTotals } from '../../../src/domain/billing/invoice/invoiceTotals';
import { money } from '../../../src/domain/billing/money';
import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec<ReturnType<typeof invoiceDecider.initialState>, InvoiceCommand, InvoiceEvent>(invoiceDecider);
const invoiceId = '01900000-0000-7000-8000-0000000000c1';
const instanceId = '01900000-0000-7000-8000-0000000000a1';
const tenantId = '01900000-0000-7000-8000-0000000000b2';
const vat = { name: 'VAT', rateBasisPoints: 1500 };
const draft = {
  invoiceId, tenantId, instanceId, kind: 'invoice' as const, currency: 'USD' as const,
  lines: [{ description: 'Business plan, May 2025', quantity: 1, unitAmountMinor: 3500 }, { description: 'Extra storage', quantity: 3, unitAmountMinor: 333 }],
  tax: vat, dueOn: '2025-05-08', creditedInvoiceId: null,
};
const drafted: InvoiceEvent = {
  type: 'InvoiceDrafted',
  data: {
    invoiceId, tenantId, instanceId, kind: 'invoice', currency: 'USD', dueOn: '2025-05-08', creditedInvoiceId: null,
    lines: [{ ...draft.lines[0]!, amountMinor: 3500 }, { ...draft.lines[1]!, amountMinor: 999 }],
    subtotalMinor: 4499, tax: { ...vat, amountMinor: 675 }, totalMinor: 5174, // 674.85 → 675
  },
};
const issued: InvoiceEvent = {
  type: 'InvoiceIssued', data: { invoiceId, tenantId, instanceId, kind: 'invoice', number: 7, issuedOn: '2025-05-01', total: money(5174, 'USD'), dueOn: '2025-05-08' },
};
const payment = (reference: string, amount = money(5174, 'USD')): InvoiceCommand =>
  ({ type: 'RecordPaymentReceived', data: { invoiceId, reference, amount, receivedAt: '2025-05-03T09:15:00.000Z' } });
const paid: InvoiceEvent = { type: 'InvoicePaid', data: { invoiceId, reference: 'PN-1', amount: money(5174, 'USD'), receivedAt: '2025-05-03T09:15:00.000Z' } };
const waived: InvoiceEvent = { type: 'InvoiceWaived', data: { invoiceId, reason: 'goodwill after outage', waivedBy: 'operator-1' } };
const voided: InvoiceEvent = { type: 'InvoiceVoided', data: { invoiceId, reason: 'issued twice', voidedBy: 'operator-1' } };

const creditNote = { ...draft, kind: 'creditNote' as const, lines: [{ description: 'Downgrade credit', quantity: 1, unitAmountMinor: 1333 }], tax: { name: 'VAT', rateBasisPoints: 0 }, creditedInvoiceId: invoiceId };
const creditNoteDrafted = (): InvoiceEvent => invoiceDecider.decide({ type: 'DraftInvoice', data: creditNote }, invoiceDecider.initialState())[0]!;

describe('Invoice totals', () => {
  it('computes lines, tax on the subtotal (rounded once, half away from zero) and total in minor units', () => {
    expect(invoiceTotals(draft.lines, vat, 'USD')).toEqual({
      lines: [{ ...draft.lines[0], amountMinor: 3500 }, { ...draft.lines[1], amountMinor: 999 }],
      subtotalMinor: 4499, tax: { ...vat, amountMinor: 675 }, totalMinor: 5174,
    });
    expect(invoiceTotals([{ description: 'x', quantity: 1, unitAmountMinor: 10 }], { name: 'VAT', rateBasisPoints: 1550 }, 'ZWG').totalMinor).toBe(12); // 1.55 → 2
  });
});

describe('Invoice decider', () => {
  it('names its streams in one place', () => {
    expect(invoiceStream(invoiceId)).toBe(`invoice-${invoiceId}`);
    expect(invoiceNumberStream('invoice', 'USD')).toBe('invoicenumbers-USD');
    expect(invoiceNumberStream('creditNote', 'ZWG')).toBe('creditnotenumbers-ZWG');
  });

  describe('draft and issue', () => {
    it('drafts a complete document with its totals', () => {
      spec.given([]).when({ type: 'DraftInvoice', data: draft }).then([drafted]);
    });

    it('refuses a second draft, an empty one, and an invoice that claims to credit another', () => {
      spec.given([drafted]).when({ type: 'DraftInvoice', data: draft }).thenThrows(DomainError, /already exists/);
      spec.given([]).when({ type: 'DraftInvoice', data: { ...draft, lines: [] } }).thenThrows(DomainError, /at least one line/);
      spec.given([]).when({ type: 'DraftInvoice', data: { ...draft, lines: [{ description: 'credit', quantity: 1, unitAmountMinor: -100 }] } }).thenThrows(DomainError, /not negative/);
      spec.given([]).when({ type: 'DraftInvoice', data: { ...draft, lines: [{ description: 'half', quantity: 0.5, unitAmountMinor: 100 }] } }).thenThrows(DomainError, /whole quantity/);
      spec.given([]).when({ type: 'DraftInvoice', data: { ...draft, creditedInvoiceId: invoiceId } }).thenThrows(DomainError, /Only a credit note/);
    });

    it('issues the draft as it is, with the number its sequence gave', () => {
      spec.given([drafted]).when({ type: 'IssueInvoice', data: { invoiceId, number: 7, issuedOn: '2025-05-01' } }).then([issued]);
    });

    it('ignores a repeated issue with the same number and refuses another number (immutable once issued)', () => {
      spec.given([drafted, issued]).when({ type: 'IssueInvoice', data: { invoiceId, number: 7, issuedOn: '2025-05-02' } }).then([]);
      spec.given([drafted, issued]).when({ type: 'IssueInvoice', data: { invoiceId, number: 8, issuedOn: '2025-05-01' } }).thenThrows(DomainError, /issued as number 7/);
    });

    it('answers 404 for an unknown invoice', () => {
      spec.given([]).when({ type: 'IssueInvoice', data: { invoiceId, number: 1, issuedOn: '2025-05-01' } }).thenThrows(NotFoundError);
    });
  });

  describe('payment', () => {
    it('is paid by a payment of its total', () => {
      spec.given([drafted, issued]).when(payment('PN-1')).then([paid]);
    });

    it('is paid exactly once: the same reference again is a no-op', () => {
      spec.given([drafted, issued, paid]).when(payment('PN-1')).then([]);
    });

    it('flags a payment under another reference for a paid invoice, once', () => {
      const flagged: InvoiceEvent = {
        type: 'UnexpectedPaymentReceived', data: { invoiceId, reference: 'PN-2', amount: money(5174, 'USD'), receivedAt: '2025-05-03T09:15:00.000Z', reason: 'already-paid' },
      };
      spec.given([drafted, issued, paid]).when(payment('PN-2')).then([flagged]);
      spec.given([drafted, issued, paid, flagged]).when(payment('PN-2')).then([]);
    });

    it('holds a payment of another amount or currency for review and stays unpaid', () => {
      const short: InvoiceEvent = {
        type: 'PaymentAmountMismatch', data: { invoiceId, reference: 'PN-3', expected: money(5174, 'USD'), received: money(5000, 'USD'), receivedAt: '2025-05-03T09:15:00.000Z' },
      };
      spec.given([drafted, issued]).when(payment('PN-3', money(5000, 'USD'))).then([short]);
      spec.given([drafted, issued]).when(payment('PN-3', money(5174, 'ZWG')))
        .then([{ type: 'PaymentAmountMismatch', data: { invoiceId, reference: 'PN-3', expected: money(5174, 'USD'), received: money(5174, 'ZWG'), receivedAt: '2025-05-03T09:15:00.000Z' } }]);
      spec.given([drafted, issued, short]).when(payment('PN-3', money(5000, 'USD'))).then([]);
      spec.given([drafted, issued, short]).when(payment('PN-1')).then([paid]);
    });

    it('flags money for a waived or voided invoice and refuses a payment of a draft', () => {
      spec.given([drafted, issued, waived]).when(payment('PN-4'))
        .then([{ type: 'UnexpectedPaymentReceived', data: { invoiceId, reference: 'PN-4', amount: money(5174, 'USD'), receivedAt: '2025-05-03T09:15:00.000Z', reason: 'waived' } }]);
      spec.given([drafted, issued, voided]).when(payment('PN-4'))
        .then([{ type: 'UnexpectedPaymentReceived', data: { invoiceId, reference: 'PN-4', amount: money(5174, 'USD'), receivedAt: '2025-05-03T09:15:00.000Z', reason: 'void' } }]);
      spec.given([drafted]).when(payment('PN-4')).thenThrows(DomainError, /not issued yet/);
    });
  });

  describe('waive and void (operator)', () => {
    const waive: InvoiceCommand = { type: 'WaiveInvoice', data: { invoiceId, reason: 'goodwill after outage', waivedBy: 'operator-1' } };
    const voidIt: InvoiceCommand = { type: 'VoidInvoice', data: { invoiceId, reason: 'issued twice', voidedBy: 'operator-1' } };

    it('waives or voids an issued, unpaid invoice once', () => {
      spec.given([drafted, issued]).when(waive).then([waived]);
      spec.given([drafted, issued, waived]).when(waive).then([]);
      spec.given([drafted, issued]).when(voidIt).then([voided]);
      spec.given([drafted, issued, voided]).when(voidIt).then([]);
    });

    it('refuses to waive or void a paid invoice or a draft (a draft is issued, never discarded)', () => {
      spec.given([drafted, issued, paid]).when(waive).thenThrows(DomainError, /while it is paid/);
      spec.given([drafted, issued, paid]).when(voidIt).thenThrows(DomainError, /while it is paid/);
      spec.given([drafted]).when(voidIt).thenThrows(DomainError, /while it is draft/);
      spec.given([drafted, issued, voided]).when(waive).thenThrows(DomainError, /while it is void/);
    });
  });

  describe('credit notes', () => {
    it('are drafted, issued and voided like invoices', () => {
      const drafted = creditNoteDrafted();
      expect(drafted.data).toMatchObject({ kind: 'creditNote', creditedInvoiceId: invoiceId, totalMinor: 1333 });
      const creditNoteIssued: InvoiceEvent = {
        type: 'InvoiceIssued', data: { invoiceId, tenantId, instanceId, kind: 'creditNote', number: 1, issuedOn: '2025-05-11', total: money(1333, 'USD'), dueOn: '2025-05-08' },
      };
      spec.given([drafted]).when({ type: 'IssueInvoice', data: { invoiceId, number: 1, issuedOn: '2025-05-11' } }).then([creditNoteIssued]);
      spec.given([drafted, creditNoteIssued]).when({ type: 'VoidInvoice', data: { invoiceId, reason: 'wrong amount', voidedBy: 'operator-1' } })
        .then([{ type: 'InvoiceVoided', data: { invoiceId, reason: 'wrong amount', voidedBy: 'operator-1' } }]);
    });

    it('are never paid or waived', () => {
      spec.given([creditNoteDrafted()]).when(payment('PN-5', money(1333, 'USD'))).thenThrows(DomainError, /credit note/);
      spec.given([creditNoteDrafted()]).when({ type: 'WaiveInvoice', data: { invoiceId, reason: 'x', waivedBy: 'operator-1' } }).thenThrows(DomainError, /credit note/);
    });
  });
});

describe('Invoice number sequence', () => {
  const sequence = deciderSpec(invoiceNumberSequenceDecider);
  const assign = (id: string): AssignInvoiceNumber => ({ type: 'AssignInvoiceNumber', data: { kind: 'invoice', currency: 'USD', invoiceId: id } });
  const assigned = (id: string, number: number): InvoiceNumberEvent => ({ type: 'InvoiceNumberAssigned', data: { currency: 'USD', invoiceId: id, number } });

  it('gives the next number, starting at 1', () => {
    sequence.given([]).when(assign('a')).then([assigned('a', 1)]);
    sequence.given([assigned('a', 1), assigned('b', 2)]).when(assign('c')).then([assigned('c', 3)]);
  });

  it('gives an invoice its number once', () => {
    sequence.given([assigned('a', 1), assigned('b', 2)]).when(assign('a')).then([]);
  });

  it('numbers credit notes with their own event type (their own stream category)', () => {
    sequence.given([]).when({ type: 'AssignInvoiceNumber', data: { kind: 'creditNote', currency: 'ZWG', invoiceId: 'a' } })
      .then([{ type: 'CreditNoteNumberAssigned', data: { currency: 'ZWG', invoiceId: 'a', number: 1 } }]);
  });
});
