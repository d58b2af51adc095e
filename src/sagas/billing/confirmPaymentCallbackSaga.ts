import { loadPayment } from '../../commands/paymentCommandHandlers';
import type { PaymentCallbackReceived } from '../../domain/billing/payment/paymentEvents';
import { paymentCallbackToPaidSeconds } from '../../observability/billingMetrics';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { SagaDeferral } from '../runtime/sagaErrors';
import type { PaymentSagaDeps } from './paymentSagaDeps';
import { settlePaymentByPoll } from './settlePaymentByPoll';

type Input = PaymentCallbackReceived['data'];
// A callback may overtake the initiation's report (Paynow answers, then posts at once).
const notInitiatedYetMs = 1_000;

/**
 * A verified callback, confirmed by one poll right away (docs/decisions/051): the payment's own saga
 * sleeps on a durable timer that a callback cannot cut short, so this one makes a callback settle
 * the invoice within a poll. A storm of callbacks records one PaymentCallbackReceived per distinct
 * status, so few of these run; everything they send is idempotent.
 */
export function confirmPaymentCallbackSaga(deps: PaymentSagaDeps): SagaDefinition<Input> {
  return defineSaga<Input>('confirmPaymentCallback')
    .step('confirmByPoll', {
      timeoutMs: 60_000,
      maxAttempts: 5,
      run: async (ctx) => {
        const payment = await loadPayment(deps.store, ctx.input.reference);
        if (payment.status === 'absent' || payment.status === 'failed') return { outcome: payment.status };
        if (payment.status === 'requested') throw new SagaDeferral(new Date(Date.now() + notInitiatedYetMs), 'the payment is not initiated yet');
        // Still pending: the payment's own saga keeps polling.
        const { kind } = await settlePaymentByPoll(deps, ctx, payment);
        if (kind === 'confirmed') paymentCallbackToPaidSeconds.observe((Date.now() - Date.parse(ctx.input.receivedAt)) / 1000);
        return { outcome: kind };
      },
    })
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();
}
