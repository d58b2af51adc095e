import type { ExistingPayment } from '../../domain/billing/payment/paymentState';
import { paymentOutcome, type PaymentStatus } from '../../ports/paymentGateway';
import type { SagaContext } from '../runtime/sagaDefinition';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { PaymentSagaDeps } from './paymentSagaDeps';

export type PollVerdict = { kind: 'confirmed' } | { kind: 'failed' } | { kind: 'pending'; status: PaymentStatus };

/**
 * Asks Paynow (never a callback's word) and acts on a final answer: paid → ConfirmPayment, then
 * RecordPaymentReceived on the invoice under Paynow's reference (a no-op the second time, a
 * mismatch held for review: docs/decisions/048); cancelled or failed → RecordPaymentFailed. Both
 * payment sagas call it; every command it sends is idempotent, so they may race.
 */
export async function settlePaymentByPoll(deps: PaymentSagaDeps, ctx: SagaContext<unknown>, payment: ExistingPayment): Promise<PollVerdict> {
  const { reference, invoiceId, tenantId } = payment;
  const now = () => new Date().toISOString();
  if (payment.status === 'confirmed') {
    await recordOnInvoice(payment.paynowReference, payment.paidAmount);
    return { kind: 'confirmed' };
  }
  if (payment.pollUrl === null) throw new PermanentSagaError(`payment ${reference} has no poll URL`);
  const report = await deps.gateway.pollPayment(payment.pollUrl);
  if (report.reference !== reference) throw new PermanentSagaError(`Paynow answered the poll of ${reference} for another reference`);
  switch (paymentOutcome(report.status)) {
    case 'paid':
      await sendSagaCommand(deps.handleCommand, ctx, 'confirmed', 'ConfirmPayment', { reference, paynowReference: report.paynowReference, amount: report.amount, confirmedAt: now() }, tenantId);
      await recordOnInvoice(report.paynowReference, report.amount);
      return { kind: 'confirmed' };
    case 'unpaid':
      await fail(report.status === 'Cancelled' ? 'the payer cancelled the payment' : 'the payment failed at the provider (cancelled by the payer, or not enough balance)');
      return { kind: 'failed' };
    case 'disputed':
    case 'refunded':
      // Money moved and moved back (or is contested): operators look; the invoice is not told.
      await fail(`Paynow reports the payment ${report.status.toLowerCase()}`);
      return { kind: 'failed' };
    case 'pending':
      return { kind: 'pending', status: report.status };
  }

  async function recordOnInvoice(paynowReference: string, amount: ExistingPayment['amount']) {
    await sendSagaCommand(deps.handleCommand, ctx, 'invoice', 'RecordPaymentReceived', { invoiceId, reference: paynowReference, amount, receivedAt: now() }, tenantId);
  }
  async function fail(reason: string) {
    await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordPaymentFailed', { reference, reason, failedAt: now() }, tenantId);
  }
}
