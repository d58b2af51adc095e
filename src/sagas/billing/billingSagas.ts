import type { SagaDefinition } from '../runtime/sagaDefinition';
import { collectPaymentSaga } from './collectPaymentSaga';
import { confirmPaymentCallbackSaga } from './confirmPaymentCallbackSaga';
import type { PaymentSagaDeps } from './paymentSagaDeps';

/** Every billing saga, for the saga processor (their triggers: billingSagaTriggers). */
export function billingSagas(deps: PaymentSagaDeps): SagaDefinition[] {
  return [collectPaymentSaga(deps) as SagaDefinition, confirmPaymentCallbackSaga(deps) as SagaDefinition];
}
