import { v5 } from 'uuid';
import type { SagaTrigger, TriggerEvent } from './sagaTrigger';

// Fixed namespace: a callback's confirmation saga is named after the callback's event.
const sagaIdNamespace = '6f1d2a7e-3c54-4b8e-9d0a-51e7c2b9a4f3';
const referenceOf = (event: TriggerEvent) => (event.data as { reference: string }).reference;
const perEvent = (event: TriggerEvent) => v5(event.eventId, sagaIdNamespace);

/** One payment saga per attempt, saga-collectPayment-<merchant reference> (docs/decisions/051): a
 * PaymentRequested seen twice starts one. Each recorded callback gets its confirming poll. */
export const billingSagaTriggers: SagaTrigger[] = [
  { eventType: 'PaymentRequested', sagaName: 'collectPayment', sagaId: referenceOf, subjectId: referenceOf },
  { eventType: 'PaymentCallbackReceived', sagaName: 'confirmPaymentCallback', sagaId: perEvent, subjectId: referenceOf },
];
