import type { Decider } from '../../shared/decider';
import { decidePayment } from './decidePayment';
import { evolvePayment } from './evolvePayment';
import type { PaymentCommand } from './paymentCommands';
import type { PaymentEvent } from './paymentEvents';
import { initialState, type PaymentState } from './paymentState';

export const paymentDecider: Decider<PaymentState, PaymentCommand, PaymentEvent> = { initialState, decide: decidePayment, evolve: evolvePayment };
