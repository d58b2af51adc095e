import type { Money } from '../domain/billing/money';

/**
 * Port: a payment provider that takes mobile money (Paynow today, docs/decisions/047). Amounts are
 * Money (integer minor units, src/domain/billing/money.ts); nothing returned or thrown here carries the provider's secret key or a hash.
 *
 * A result-URL callback is never trusted alone (issue 15): `parseResultCallback` proves it came from
 * the provider, the caller then confirms with `pollPayment` and matches reference, amount and currency
 * against its invoice before recording anything.
 */
export interface PaymentGateway {
  /** Web checkout: send the payer's browser to `browserUrl`. */
  initiateWebPayment(request: PaymentRequest): Promise<WebPaymentInitiation>;
  /** Express checkout: the provider pushes a USSD prompt to the phone. */
  initiateMobilePayment(request: MobilePaymentRequest): Promise<MobilePaymentInitiation>;
  /** The provider's current word on a payment, from a poll URL it gave (initiation or callback). */
  pollPayment(pollUrl: string): Promise<PaymentStatusReport>;
  /** A result-URL post, as its raw `application/x-www-form-urlencoded` body (field order matters to
   * the hash, so not a parsed object). Throws PaymentHashMismatchError unless the provider signed it. */
  parseResultCallback(formBody: string): PaymentStatusReport;
}

export interface PaymentRequest {
  /** Ours, unique per payment attempt; comes back in every status report. */
  reference: string;
  amount: Money;
  /** Shown to the payer by the provider: no confidential text. */
  description?: string;
  /** The payer's address (the provider may sign them in with it). */
  payerEmail?: string;
}

export const mobileMoneyMethods = ['ecocash', 'onemoney'] as const;
export type MobileMoneyMethod = (typeof mobileMoneyMethods)[number];

export interface MobilePaymentRequest extends PaymentRequest {
  /** A Zimbabwean mobile number: 07XXXXXXXX, 2637XXXXXXXX or +2637XXXXXXXX. */
  phone: string;
  method: MobileMoneyMethod;
}

/** `refused`: the provider answered and declined (e.g. "Insufficient balance"); nothing is pending. */
export interface PaymentRefused {
  outcome: 'refused';
  /** The provider's own words, for the payer; never contains our key. */
  reason: string;
}

export type WebPaymentInitiation =
  | { outcome: 'started'; browserUrl: string; pollUrl: string; paynowReference?: string }
  | PaymentRefused;

export type MobilePaymentInitiation =
  | { outcome: 'started'; pollUrl: string; instructions?: string; paynowReference?: string }
  | PaymentRefused;

/** Paynow's statuses, as its status updates spell them. */
export const paymentStatuses = [
  'Created', 'Sent', 'Awaiting Delivery', 'Delivered', 'Paid', 'Cancelled', 'Failed', 'Disputed', 'Refunded',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export interface PaymentStatusReport {
  reference: string;
  paynowReference: string;
  /** What the provider says was paid, in the currency of the integration that reported it. */
  amount: Money;
  status: PaymentStatus;
  pollUrl: string;
}

export type PaymentOutcome = 'pending' | 'paid' | 'unpaid' | 'disputed' | 'refunded';

/**
 * What a status means for an invoice. Paynow's status-update documentation counts Awaiting Delivery
 * and Delivered as paid (funds held until delivery is confirmed); Cancelled and Failed are final
 * without money moving; Disputed and Refunded follow a payment.
 */
export function paymentOutcome(status: PaymentStatus): PaymentOutcome {
  switch (status) {
    case 'Created':
    case 'Sent':
      return 'pending';
    case 'Paid':
    case 'Awaiting Delivery':
    case 'Delivered':
      return 'paid';
    case 'Cancelled':
    case 'Failed':
      return 'unpaid';
    case 'Disputed':
      return 'disputed';
    case 'Refunded':
      return 'refunded';
  }
}

/** A reply or callback whose hash is missing or wrong: forged, altered, or signed with another key. */
export class PaymentHashMismatchError extends Error {
  constructor(readonly source: 'initiation reply' | 'poll reply' | 'result callback') {
    super(`${source} from the payment provider failed hash verification`);
    this.name = 'PaymentHashMismatchError';
  }
}

/**
 * The provider could not be reached or did not answer properly (network, timeout, HTTP status,
 * redirect). Transient: retry later. `requestMayHaveArrived` is false only when the request surely
 * never left (connection refused, DNS): after a timeout an initiation may exist at the provider, so
 * retry by polling or with a new reference, never blindly with the same one.
 */
export class PaymentGatewayUnavailableError extends Error {
  constructor(message: string, readonly requestMayHaveArrived: boolean) {
    super(message);
    this.name = 'PaymentGatewayUnavailableError';
  }
}

/** The provider answered something this port cannot read (missing field, unknown status, Error to a
 * poll, a poll URL off the provider's origin). Not transient by itself; operators should look. */
export class PaymentGatewayProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentGatewayProtocolError';
  }
}

/** Our request is invalid before anything is sent (amount, phone, currency, reference). */
export class InvalidPaymentRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPaymentRequestError';
  }
}
