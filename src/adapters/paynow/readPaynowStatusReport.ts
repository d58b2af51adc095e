import type { Currency } from '../../domain/billing/money';
import {
  PaymentGatewayProtocolError, paymentStatuses,
  type PaymentStatus, type PaymentStatusReport,
} from '../../ports/paymentGateway';
import { parsePaynowAmount } from './paynowAmount';
import type { PaynowMessage } from './parsePaynowMessage';

/** A verified status update or poll reply as a report. Poll replies and result posts carry the same
 * fields (reference, paynowreference, amount, status, pollurl), in different orders. */
export function readPaynowStatusReport(message: PaynowMessage, currency: Currency): PaymentStatusReport {
  const reference = required(message, 'reference');
  const paynowReference = required(message, 'paynowreference');
  const pollUrl = required(message, 'pollurl');
  const amount = { amountMinor: parsePaynowAmount(required(message, 'amount')), currency };
  return { reference, paynowReference, amount, status: readPaynowStatus(required(message, 'status')), pollUrl };
}

/** Paynow's documentation writes statuses both "Paid" and "FAILED": compared without case. */
export function readPaynowStatus(text: string): PaymentStatus {
  const wanted = text.trim().toLowerCase();
  const status = paymentStatuses.find((candidate) => candidate.toLowerCase() === wanted);
  if (!status) throw new PaymentGatewayProtocolError(`Paynow sent an unknown status "${text.slice(0, 40)}"`);
  return status;
}

function required(message: PaynowMessage, name: string): string {
  const value = message.get(name);
  if (value === undefined || value === '') throw new PaymentGatewayProtocolError(`Paynow message lacks the field "${name}"`);
  return value;
}
