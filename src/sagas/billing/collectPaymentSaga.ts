import { loadPayment } from '../../commands/paymentCommandHandlers';
import type { PaymentRequested } from '../../domain/billing/payment/paymentEvents';
import { PaymentGatewayUnavailableError } from '../../ports/paymentGateway';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError, SagaDeferral } from '../runtime/sagaErrors';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import { payerPhoneSecret, type PaymentSagaDeps } from './paymentSagaDeps';
import { settlePaymentByPoll } from './settlePaymentByPoll';

type Input = PaymentRequested['data'];

/**
 * A mobile-money payment, PaymentRequested to a final state (docs/decisions/051). A callback never
 * settles anything by itself: the result route records it, and its own saga (confirmPaymentCallback)
 * confirms it by polling at once; without a callback this saga's polls (doubling, durable
 * SagaDeferral timers, which a wake-up does not cut short) find the outcome. The invoice hears of a
 * payment once, under Paynow's reference (docs/decisions/048).
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
        const { reference, requestedAt, tenantId } = ctx.input;
        const payment = await loadPayment(deps.store, reference);
        if (payment.status === 'absent' || payment.status === 'requested') throw new PermanentSagaError(`payment ${reference} was never initiated`);
        // Settled meanwhile (the callback's saga, confirmPaymentCallback, confirmed it) or over.
        if (payment.status === 'failed' || payment.status === 'timedOut') return { outcome: payment.status };
        const verdict = await settlePaymentByPoll(deps, ctx, payment);
        if (verdict.kind !== 'pending') return { outcome: verdict.kind };
        const waitedMs = Date.now() - Date.parse(requestedAt);
        if (waitedMs >= deps.timeoutMs) {
          await sendSagaCommand(deps.handleCommand, ctx, 'timedOut', 'RecordPaymentTimedOut', { reference, lastStatus: verdict.status, timedOutAt: now() }, tenantId);
          return { outcome: 'timedOut' };
        }
        // Doubling: the next poll after as long again as already waited, within the bounds.
        const nextMs = Math.min(Math.max(deps.pollFirstMs, waitedMs), deps.pollMaxMs, deps.timeoutMs - waitedMs);
        throw new SagaDeferral(new Date(Date.now() + nextMs), `Paynow says ${verdict.status}`);
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async (ctx) => {
      // Paynow could not be reached for too long: the payment ends pending, reconcilable by its
      // poll URL (a payment already final appends nothing); the phone is not kept.
      await deps.secrets.remove(payerPhoneSecret(ctx.input.reference));
      await sendSagaCommand(deps.handleCommand, ctx, 'timedOut', 'RecordPaymentTimedOut', { reference: ctx.input.reference, lastStatus: null, timedOutAt: now() }, ctx.input.tenantId);
    })
    .build();
}
