import type { SagaTrigger, TriggerEvent } from './sagaTrigger';

const referenceOf = (event: TriggerEvent) => (event.data as { reference: string }).reference;

/** One payment saga per attempt, saga-collectPayment-<merchant reference> (docs/decisions/051): a
 * PaymentRequested seen twice starts one. */
export const billingSagaTriggers: SagaTrigger[] = [
  { eventType: 'PaymentRequested', sagaName: 'collectPayment', sagaId: referenceOf, subjectId: referenceOf },
];
