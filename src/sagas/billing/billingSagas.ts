import type { SagaDefinition } from '../runtime/sagaDefinition';
import { collectPaymentSaga } from './collectPaymentSaga';
import { confirmPaymentCallbackSaga } from './confirmPaymentCallbackSaga';
import type { DunningSagaDeps } from './dunningSagaDeps';
import { endSubscriptionSaga } from './endSubscriptionSaga';
import { followInstanceResizeSaga } from './followInstanceResizeSaga';
import { instanceHoldSagas } from './instanceHoldSagas';
import type { PaymentSagaDeps } from './paymentSagaDeps';
import { settleSubscriptionInvoiceSaga } from './settleSubscriptionInvoiceSaga';
import { startSubscriptionSaga } from './startSubscriptionSaga';

/** Every billing saga, for the saga processor (their triggers: billingSagaTriggers). */
export function billingSagas(deps: PaymentSagaDeps & DunningSagaDeps): SagaDefinition[] {
  return [
    collectPaymentSaga(deps) as SagaDefinition, confirmPaymentCallbackSaga(deps) as SagaDefinition,
    settleSubscriptionInvoiceSaga(deps) as SagaDefinition, ...instanceHoldSagas(deps), startSubscriptionSaga(deps) as SagaDefinition,
    followInstanceResizeSaga(deps) as SagaDefinition, endSubscriptionSaga(deps) as SagaDefinition,
  ];
}
