import { v5 } from 'uuid';
import type { SagaTrigger, TriggerEvent } from './sagaTrigger';

// Fixed namespace: a callback's confirmation saga is named after the callback's event.
const sagaIdNamespace = '6f1d2a7e-3c54-4b8e-9d0a-51e7c2b9a4f3';
const referenceOf = (event: TriggerEvent) => (event.data as { reference: string }).reference;
const perEvent = (event: TriggerEvent) => v5(event.eventId, sagaIdNamespace);
const invoiceOf = (event: TriggerEvent) => (event.data as { invoiceId: string }).invoiceId;
const instanceOf = (event: TriggerEvent) => (event.data as { instanceId: string }).instanceId;
const perEventOf = (sagaName: string, subjectId: (event: TriggerEvent) => string) => (eventType: string): SagaTrigger =>
  ({ eventType, sagaName, sagaId: perEvent, subjectId });

/** One payment saga per attempt, saga-collectPayment-<merchant reference> (docs/decisions/051): a
 * PaymentRequested seen twice starts one. Each recorded callback gets its confirming poll. An
 * invoice no longer owed tells its subscription; a suspended or cancelled subscription stops its
 * instance, a resumed one starts it (docs/decisions/052). */
export const billingSagaTriggers: SagaTrigger[] = [
  { eventType: 'PaymentRequested', sagaName: 'collectPayment', sagaId: referenceOf, subjectId: referenceOf },
  { eventType: 'PaymentCallbackReceived', sagaName: 'confirmPaymentCallback', sagaId: perEvent, subjectId: referenceOf },
  ...['InvoicePaid', 'InvoiceWaived', 'InvoiceVoided'].map(perEventOf('settleSubscriptionInvoice', invoiceOf)),
  ...['SubscriptionSuspended', 'SubscriptionCancelled'].map(perEventOf('suspendInstance', instanceOf)),
  perEventOf('resumeInstance', instanceOf)('SubscriptionResumed'),
  perEventOf('followInstanceResize', instanceOf)('InstanceResized'),
  perEventOf('endSubscription', instanceOf)('InstanceDeletionRequested'),
  // One subscription per instance, so one saga per instance.
  { eventType: 'InstanceProvisioned', sagaName: 'startSubscription', sagaId: (event) => v5(`startSubscription/${instanceOf(event)}`, sagaIdNamespace), subjectId: instanceOf },
];
