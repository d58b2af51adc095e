import type { PaymentEvent } from './paymentEvents';
import type { PaymentState } from './paymentState';

export function evolvePayment(state: PaymentState, event: PaymentEvent): PaymentState {
  if (event.type === 'PaymentRequested') return { ...event.data, status: 'requested', pollUrl: null, lastCallback: null };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'PaymentInitiated':
      return { ...state, status: 'initiated', pollUrl: event.data.pollUrl };
    case 'PaymentCallbackReceived':
      return { ...state, lastCallback: { paynowReference: event.data.paynowReference, status: event.data.status } };
    case 'PaymentConfirmed':
      return { ...state, status: 'confirmed', paynowReference: event.data.paynowReference, paidAmount: event.data.amount };
    case 'PaymentFailed':
      return { ...state, status: 'failed', reason: event.data.reason };
    case 'PaymentTimedOut':
      return { ...state, status: 'timedOut' };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}
