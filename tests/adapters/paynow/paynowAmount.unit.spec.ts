import { formatPaynowAmount, parsePaynowAmount } from '../../../src/adapters/paynow/paynowAmount';
import { InvalidPaymentRequestError, PaymentGatewayProtocolError } from '../../../src/ports/paymentGateway';

describe('Paynow amounts', () => {
  it.each([
    [1, '0.01'], [5, '0.05'], [10, '0.10'], [30, '0.30'], [100, '1.00'], [1234, '12.34'], [100_000, '1000.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formats %d cents as "%s"', (cents, text) => {
    expect(formatPaynowAmount(cents)).toBe(text);
  });

  it('formats cents exactly where float arithmetic would not (0.1 + 0.2)', () => {
    expect(String(0.1 + 0.2)).not.toBe('0.3');
    expect(formatPaynowAmount(10 + 20)).toBe('0.30');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %p cents', (cents) => {
    expect(() => formatPaynowAmount(cents)).toThrow(InvalidPaymentRequestError);
  });

  it.each([
    ['100.00', 10_000], ['100', 10_000], ['0.5', 50], ['0.05', 5], ['1,082.50', 108_250], [' 12.34 ', 1234], ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('reads "%s" as %d cents', (text, cents) => {
    expect(parsePaynowAmount(text)).toBe(cents);
  });

  it.each(['1.234', '-1.00', 'abc', '1e3', '', '12,34', '1.', '90071992547409.92'])('refuses "%s" from Paynow', (text) => {
    expect(() => parsePaynowAmount(text)).toThrow(PaymentGatewayProtocolError);
  });

  it('reads back what it formats', () => {
    for (const cents of [1, 99, 100, 101, 123_456, 999_999_999]) expect(parsePaynowAmount(formatPaynowAmount(cents))).toBe(cents);
  });
});
