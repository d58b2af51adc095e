import { loadPayment } from '../../commands/paymentCommandHandlers';
import type { PaymentRequested } from '../../domain/billing/payment/paymentEvents';
import { paymentOutcome, PaymentGatewayUnavailableError, type PaymentStatusReport } from '../../ports/paymentGateway';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaContext, SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError, SagaDeferral } from '../runtime/sagaErrors';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import { payerPhoneSecret, type PaymentSagaDeps } from './paymentSagaDeps';

type Input = PaymentRequested['data'];

/**
 * A mobile-money payment, PaymentRequested to a final state (docs/decisions/051). A callback never
 * settles anything by itself: the result route records it and wakes this saga, which confirms by
 * polling; with no callback the polls (doubling, durable SagaDeferral timers) find the outcome. The
 * invoice hears of a payment once, under Paynow's reference (docs/decisions/048), so a resumed or
 * repeated confirmation is a no-op there.
 */
export function collectPaymentSaga(deps: PaymentSagaDeps): SagaDefinition<Input> {
  const now = () => new Date().toISOString();
  return defineSaga<Input>('collectPayment')
    .step('initiate', {
      timeoutMs: 60_000,
      run: async (ctx) => {
        const { reference, amount, method } = ctx.input;
        const payment = await loadPayment(deps.store, reference);
        // Already with Paynow (a worker killed after the report): never initiate a reference twice.
        if (payment.status !== 'requested') return { initiated: payment.status !== 'failed' };
        const phone = await deps.secrets.read(payerPhoneSecret(reference));
        if (!phone) {
          await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordPaymentFailed', { reference, reason: 'the payer\'s phone number is no longer known', failedAt: now() }, ctx.input.tenantId);
          return { initiated: false };
        }
        let initiation;
        try {
          initiation = await deps.gateway.initiateMobilePayment({ reference, amount, method, phone, description: `Invoice ${ctx.input.invoiceId}` });
        } catch (error) {
          // Paynow may hold a request we cannot see (no poll URL): a retry would send the reference
          // again, so the attempt ends; the tenant pays with a new one.
          if (error instanceof PaymentGatewayUnavailableError && !error.requestMayHaveArrived) throw error;
          await deps.secrets.remove(payerPhoneSecret(reference));
          await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordPaymentFailed', {
            reference, reason: 'the payment provider did not answer the request properly', failedAt: now(),
          }, ctx.input.tenantId);
          return { initiated: false };
        }
        await deps.secrets.remove(payerPhoneSecret(reference));
        if (initiation.outcome === 'refused') {
          await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordPaymentFailed', { reference, reason: `refused by Paynow: ${initiation.reason}`, failedAt: now() }, ctx.input.tenantId);
          return { initiated: false };
        }
        await sendSagaCommand(deps.handleCommand, ctx, 'initiated', 'RecordPaymentInitiated', { reference, pollUrl: initiation.pollUrl, initiatedAt: now() }, ctx.input.tenantId);
        return { initiated: true };
      },
    })
    .step('awaitOutcome', {
      timeoutMs: 60_000,
      // A deferral is not a failed attempt; these attempts are failures to reach Paynow.
      maxAttempts: 10,
      run: async (ctx) => {
        if (!ctx.outputs.initiate.initiated) return { outcome: 'failed' };
        const payment = await loadPayment(deps.store, ctx.input.reference);
        if (payment.status === 'absent' || payment.status === 'requested') throw new PermanentSagaError(`payment ${ctx.input.reference} was never initiated`);
        if (payment.status === 'confirmed') return await settleInvoice(ctx, payment.paynowReference, payment.paidAmount);
        if (payment.status !== 'initiated' || payment.pollUrl === null) return { outcome: payment.status };
        const report = await deps.gateway.pollPayment(payment.pollUrl);
        return await followReport(ctx, report, payment.lastCallback?.status ?? null);
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async (ctx) => {
      // Paynow could not be reached for too long: the payment ends pending, reconcilable by its
      // poll URL (a payment already final appends nothing).
      await sendSagaCommand(deps.handleCommand, ctx, 'timedOut', 'RecordPaymentTimedOut', { reference: ctx.input.reference, lastStatus: null, timedOutAt: now() }, ctx.input.tenantId);
    })
    .build();

  async function followReport(ctx: SagaContext<Input>, report: PaymentStatusReport, lastCallback: string | null) {
    const { reference, requestedAt } = ctx.input;
    if (report.reference !== reference) throw new PermanentSagaError(`Paynow answered the poll of ${reference} for another reference`);
    switch (paymentOutcome(report.status)) {
      case 'paid':
        await sendSagaCommand(deps.handleCommand, ctx, 'confirmed', 'ConfirmPayment', {
          reference, paynowReference: report.paynowReference, amount: report.amount, confirmedAt: now(),
        }, ctx.input.tenantId);
        return await settleInvoice(ctx, report.paynowReference, report.amount);
      case 'unpaid':
        await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordPaymentFailed', {
          reference, reason: report.status === 'Cancelled' ? 'the payer cancelled the payment' : 'the payment failed at the provider (for example, insufficient balance)', failedAt: now(),
        }, ctx.input.tenantId);
        return { outcome: 'failed' };
      case 'pending': {
        const waitedMs = Date.now() - Date.parse(requestedAt);
        if (waitedMs >= deps.timeoutMs) {
          await sendSagaCommand(deps.handleCommand, ctx, 'timedOut', 'RecordPaymentTimedOut', { reference, lastStatus: report.status, timedOutAt: now() }, ctx.input.tenantId);
          return { outcome: 'timedOut' };
        }
        // Doubling from pollFirstMs with the time already waited; a callback wakes the saga sooner.
        const nextMs = Math.min(Math.max(deps.pollFirstMs, waitedMs), deps.pollMaxMs, deps.timeoutMs - waitedMs);
        throw new SagaDeferral(new Date(Date.now() + nextMs), `Paynow says ${report.status}${lastCallback ? ` (last callback: ${lastCallback})` : ''}`);
      }
      case 'disputed':
      case 'refunded':
        // Money moved and moved back (or is contested): operators look; the invoice is not told.
        await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordPaymentFailed', { reference, reason: `Paynow reports the payment ${report.status.toLowerCase()}`, failedAt: now() }, ctx.input.tenantId);
        return { outcome: 'failed' };
    }
  }

  async function settleInvoice(ctx: SagaContext<Input>, paynowReference: string, amount: PaymentStatusReport['amount']) {
    await sendSagaCommand(deps.handleCommand, ctx, 'invoice', 'RecordPaymentReceived', {
      invoiceId: ctx.input.invoiceId, reference: paynowReference, amount, receivedAt: now(),
    }, ctx.input.tenantId);
    return { outcome: 'confirmed' };
  }
}
