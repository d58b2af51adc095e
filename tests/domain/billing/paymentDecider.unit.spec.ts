import { money } from '../../../src/domain/billing/money';
import type { PaymentCommand } from '../../../src/domain/billing/payment/paymentCommands';
import { paymentDecider } from '../../../src/domain/billing/payment/paymentDecider';
import type { PaymentEvent } from '../../../src/domain/billing/payment/paymentEvents';
import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec<ReturnType<typeof paymentDecider.initialState>, PaymentCommand, PaymentEvent>(paymentDecider);
const reference = '01900000-0000-7000-8000-0000000000d1';
const invoiceId = '01900000-0000-7000-8000-0000000000c1';
const tenantId = '01900000-0000-7000-8000-0000000000b2';
const at = '2026-12-07T01:00:00.000Z';
const request = { reference, invoiceId, tenantId, amount: money(5174, 'USD'), method: 'ecocash' as const, requestedAt: at };
const requested: PaymentEvent = { type: 'PaymentRequested', data: request };
const initiated: PaymentEvent = { type: 'PaymentInitiated', data: { reference, pollUrl: 'https://paynow.example/poll/1', initiatedAt: at } };
const callback = { reference, paynowReference: '9001', status: 'Paid' as const, receivedAt: at };
const confirm = { reference, paynowReference: '9001', amount: money(5174, 'USD'), confirmedAt: at };
const confirmed: PaymentEvent = { type: 'PaymentConfirmed', data: { ...confirm, invoiceId } };

describe('payment decider', () => {
  it('requests once per reference, for one invoice', () => {
    spec.given([]).when({ type: 'RequestPayment', data: request }).then([requested]);
    spec.given([requested]).when({ type: 'RequestPayment', data: request }).then([]);
    spec.given([requested]).when({ type: 'RequestPayment', data: { ...request, invoiceId: 'other' } }).thenThrows(DomainError, /another invoice/);
  });

  it('refuses reports for a payment never requested', () => {
    spec.given([]).when({ type: 'RecordPaymentCallback', data: callback }).thenThrows(NotFoundError);
  });

  it('records a callback once per status, and none after a final state', () => {
    const received: PaymentEvent = { type: 'PaymentCallbackReceived', data: callback };
    spec.given([requested, initiated]).when({ type: 'RecordPaymentCallback', data: callback }).then([received]);
    spec.given([requested, initiated, received]).when({ type: 'RecordPaymentCallback', data: callback }).then([]);
    spec.given([requested, initiated, received]).when({ type: 'RecordPaymentCallback', data: { ...callback, status: 'Sent' } })
      .then([{ type: 'PaymentCallbackReceived', data: { ...callback, status: 'Sent' } }]);
    spec.given([requested, initiated, confirmed]).when({ type: 'RecordPaymentCallback', data: { ...callback, status: 'Sent' } }).then([]);
  });

  it('confirms exactly once, under one Paynow reference, even after a timeout', () => {
    spec.given([requested, initiated]).when({ type: 'ConfirmPayment', data: confirm }).then([confirmed]);
    spec.given([requested, initiated, confirmed]).when({ type: 'ConfirmPayment', data: confirm }).then([]);
    spec.given([requested, initiated, confirmed]).when({ type: 'ConfirmPayment', data: { ...confirm, paynowReference: '9002' } }).thenThrows(DomainError);
    const timedOut: PaymentEvent = { type: 'PaymentTimedOut', data: { reference, pollUrl: 'https://paynow.example/poll/1', lastStatus: 'Sent', timedOutAt: at } };
    spec.given([requested, initiated, timedOut]).when({ type: 'ConfirmPayment', data: confirm }).then([confirmed]);
  });

  it('fails with a reason, never after a confirmation', () => {
    const failed: PaymentEvent = { type: 'PaymentFailed', data: { reference, reason: 'cancelled by the payer', failedAt: at } };
    spec.given([requested, initiated]).when({ type: 'RecordPaymentFailed', data: failed.data }).then([failed]);
    spec.given([requested, initiated, failed]).when({ type: 'RecordPaymentFailed', data: failed.data }).then([]);
    spec.given([requested, initiated, confirmed]).when({ type: 'RecordPaymentFailed', data: failed.data }).thenThrows(DomainError);
  });

  it('times out keeping the poll URL, and only while pending', () => {
    spec.given([requested, initiated]).when({ type: 'RecordPaymentTimedOut', data: { reference, lastStatus: 'Sent', timedOutAt: at } })
      .then([{ type: 'PaymentTimedOut', data: { reference, pollUrl: 'https://paynow.example/poll/1', lastStatus: 'Sent', timedOutAt: at } }]);
    spec.given([requested, initiated, confirmed]).when({ type: 'RecordPaymentTimedOut', data: { reference, lastStatus: null, timedOutAt: at } }).then([]);
  });
});
