import type { Money } from '../money';
import type { PaymentRequested, ReportedPaymentStatus } from './paymentEvents';

type Requested = PaymentRequested['data'] & {
  pollUrl: string | null;
  /** The last status a callback reported: a repeat of it records nothing (a callback storm). */
  lastCallback: { paynowReference: string; status: ReportedPaymentStatus } | null;
};

export type PaymentState =
  | { status: 'absent' }
  | (Requested & { status: 'requested' })
  | (Requested & { status: 'initiated' })
  | (Requested & { status: 'confirmed'; paynowReference: string; paidAmount: Money })
  | (Requested & { status: 'failed'; reason: string })
  | (Requested & { status: 'timedOut' });

export type ExistingPayment = Exclude<PaymentState, { status: 'absent' }>;

export function initialState(): PaymentState {
  return { status: 'absent' };
}
