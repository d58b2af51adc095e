import type { Currency } from '../../domain/billing/money';
import {
  InvalidPaymentRequestError, mobileMoneyMethods,
  type MobilePaymentRequest, type PaymentRequest,
} from '../../ports/paymentGateway';
import { formatPaynowAmount } from './paynowAmount';
import { paynowHash } from './paynowHash';
import type { PaynowSettings } from './paynowSettings';

export type PaynowFields = ReadonlyArray<readonly [name: string, value: string]>;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ZIMBABWE_MOBILE = /^(?:\+?263|0)(7\d{8})$/;

/**
 * The fields of an initiation in the order they are sent and hashed: id, reference, amount,
 * additionalinfo, returnurl, resulturl, authemail, (phone, method,) status=Message, then the hash of
 * their values (docs/decisions/047).
 */
export function buildPaynowInitiation(settings: PaynowSettings, request: PaymentRequest | MobilePaymentRequest): PaynowFields {
  const integrationCurrency: Currency = settings.currency ?? 'USD';
  if (request.amount.currency !== integrationCurrency) {
    throw new InvalidPaymentRequestError(`this Paynow integration takes ${integrationCurrency}, not ${String(request.amount.currency)}`);
  }
  const fields: Array<readonly [string, string]> = [
    ['id', settings.integrationId],
    ['reference', checkedText('reference', request.reference, 1, 100)],
    ['amount', formatPaynowAmount(request.amount.amountMinor)],
    ['additionalinfo', checkedText('description', request.description ?? '', 0, 255)],
    ['returnurl', settings.returnUrl],
    ['resulturl', settings.resultUrl],
    ['authemail', settings.authEmail ?? checkedEmail(request.payerEmail)],
  ];
  if ('phone' in request) {
    if (!mobileMoneyMethods.includes(request.method)) {
      throw new InvalidPaymentRequestError(`method must be one of ${mobileMoneyMethods.join(', ')}`);
    }
    fields.push(['phone', localMobileNumber(request.phone)], ['method', request.method]);
  }
  fields.push(['status', 'Message']);
  fields.push(['hash', paynowHash(fields.map(([, value]) => value), settings.integrationKey)]);
  return fields;
}

/** 0771111111, 263771111111 and +263771111111 are one number; Paynow's test numbers use the first form. */
function localMobileNumber(phone: string): string {
  const match = ZIMBABWE_MOBILE.exec(String(phone).replace(/[\s-]/g, ''));
  if (!match) throw new InvalidPaymentRequestError('phone must be a Zimbabwean mobile number such as 0771234567 or +263771234567');
  return `0${match[1]}`;
}

function checkedText(field: string, value: string, minLength: number, maxLength: number): string {
  if (typeof value !== 'string' || value.length < minLength || value.length > maxLength || CONTROL_CHARACTERS.test(value)) {
    throw new InvalidPaymentRequestError(`${field} must be ${minLength}–${maxLength} characters without control characters`);
  }
  return value;
}

function checkedEmail(email: string | undefined): string {
  if (email === undefined || email === '') return '';
  if (email.length > 254 || !EMAIL.test(email)) throw new InvalidPaymentRequestError('payerEmail is not an email address');
  return email;
}
