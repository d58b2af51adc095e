import { DomainError, NotFoundError } from '../../shared/decider';
import type { PaymentCommand } from './paymentCommands';
import type { PaymentEvent } from './paymentEvents';
import type { PaymentState } from './paymentState';

/**
 * One payment attempt (docs/decisions/051). Every report is idempotent, because callbacks, polls and
 * a resumed saga repeat them. Money confirmed wins over anything recorded before it (a late Paid
 * after a timeout or a failure is still money taken); nothing follows a confirmation.
 */
export function decidePayment(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  const { reference } = command.data;
  if (command.type === 'RequestPayment') {
    if (state.status === 'absent') return [{ type: 'PaymentRequested', data: command.data }];
    if (state.invoiceId === command.data.invoiceId) return [];
    throw new DomainError('payment-reference-taken', `Payment ${reference} is for another invoice`);
  }
  if (state.status === 'absent') throw new NotFoundError('Payment', reference);

  switch (command.type) {
    case 'RecordPaymentInitiated':
      if (state.status !== 'requested') return [];
      return [{ type: 'PaymentInitiated', data: command.data }];
    case 'RecordPaymentCallback': {
      const { paynowReference, status } = command.data;
      if (state.status === 'confirmed' || state.status === 'failed') return [];
      if (state.lastCallback?.paynowReference === paynowReference && state.lastCallback.status === status) return [];
      return [{ type: 'PaymentCallbackReceived', data: command.data }];
    }
    case 'ConfirmPayment': {
      if (state.status === 'confirmed') {
        if (state.paynowReference === command.data.paynowReference) return [];
        throw new DomainError('payment-already-confirmed', `Payment ${reference} was confirmed under another Paynow reference`);
      }
      const { paynowReference, amount, confirmedAt } = command.data;
      return [{ type: 'PaymentConfirmed', data: { reference, invoiceId: state.invoiceId, paynowReference, amount, confirmedAt } }];
    }
    case 'RecordPaymentFailed':
      if (state.status === 'failed' || state.status === 'timedOut') return [];
      if (state.status === 'confirmed') throw new DomainError('payment-confirmed', `Payment ${reference} was confirmed; it cannot fail`);
      return [{ type: 'PaymentFailed', data: command.data }];
    case 'RecordPaymentTimedOut':
      if (state.status !== 'requested' && state.status !== 'initiated') return [];
      return [{ type: 'PaymentTimedOut', data: { reference, pollUrl: state.pollUrl, lastStatus: command.data.lastStatus, timedOutAt: command.data.timedOutAt } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}
