import { InvalidPaymentRequestError, PaymentGatewayProtocolError } from '../../ports/paymentGateway';

/** 1234 → "12.34", by string arithmetic: a float would turn some cents into 0.30000000000000004. */
export function formatPaynowAmount(minorUnits: number): string {
  if (!Number.isSafeInteger(minorUnits) || minorUnits <= 0) {
    throw new InvalidPaymentRequestError(`amount must be a positive whole number of cents, got ${String(minorUnits)}`);
  }
  const digits = String(minorUnits).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const DECIMAL_AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "100.00", "100", "1,082.5" → cents. Paynow's own messages only; anything else is a protocol error. */
export function parsePaynowAmount(text: string): number {
  const match = DECIMAL_AMOUNT.exec(text.trim());
  if (!match) throw new PaymentGatewayProtocolError(`Paynow sent an amount that is not a decimal number: "${text.slice(0, 30)}"`);
  const whole = (match[1] ?? '').replace(/,/g, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  const minorUnits = Number(whole + cents);
  if (!Number.isSafeInteger(minorUnits)) throw new PaymentGatewayProtocolError('Paynow sent an amount too large to hold exactly');
  return minorUnits;
}
