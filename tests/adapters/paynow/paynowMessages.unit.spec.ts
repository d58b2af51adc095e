import { buildPaynowInitiation } from '../../../src/adapters/paynow/buildPaynowInitiation';
import { parsePaynowMessage } from '../../../src/adapters/paynow/parsePaynowMessage';
import { paynowHash } from '../../../src/adapters/paynow/paynowHash';
import type { PaynowSettings } from '../../../src/adapters/paynow/paynowSettings';
import { readPaynowStatus, readPaynowStatusReport } from '../../../src/adapters/paynow/readPaynowStatusReport';
import { money } from '../../../src/domain/billing/money';
import { InvalidPaymentRequestError, PaymentGatewayProtocolError, paymentOutcome, paymentStatuses } from '../../../src/ports/paymentGateway';
import { docsExamplePollReply } from './paynowDocsExample';

const settings: PaynowSettings = {
  integrationId: '1201', integrationKey: 'a-test-integration-key', baseUrl: 'https://www.paynow.co.zw',
  resultUrl: 'https://api.example.co.zw/api/v1/billing/paynow/result', returnUrl: 'https://app.example.co.zw/billing', timeoutMs: 5000,
};

describe('reading Paynow status messages', () => {
  it('reads Paynow\'s example poll reply (names in any case, a thousands separator in the reference)', () => {
    expect(readPaynowStatusReport(parsePaynowMessage(docsExamplePollReply), 'USD')).toEqual({
      reference: 'siteid123',
      paynowReference: '1,082',
      amount: { amountMinor: 10_000, currency: 'USD' },
      status: 'Created',
      pollUrl: 'http://localhost:7105/Interface/CheckPayment/?guid=811e0233-e9c6-474f-a01af2a4df1dde51',
    });
  });

  it('reads every documented status without regard to case ("FAILED" in the test-mode page)', () => {
    for (const status of paymentStatuses) {
      expect(readPaynowStatus(status.toUpperCase())).toBe(status);
      expect(readPaynowStatus(` ${status.toLowerCase()} `)).toBe(status);
    }
  });

  it('refuses an unknown status, a missing field, and a repeated field', () => {
    expect(() => readPaynowStatus('Settled')).toThrow(PaymentGatewayProtocolError);
    const withoutAmount = docsExamplePollReply.replace('&amount=100.00', '');
    expect(() => readPaynowStatusReport(parsePaynowMessage(withoutAmount), 'USD')).toThrow(/lacks the field "amount"/);
    expect(() => parsePaynowMessage(`${docsExamplePollReply}&Status=Paid`)).toThrow(/repeats the field "status"/);
  });

  it('tells what a status means for an invoice', () => {
    expect(paymentStatuses.map((status) => [status, paymentOutcome(status)])).toEqual([
      ['Created', 'pending'], ['Sent', 'pending'], ['Awaiting Delivery', 'paid'], ['Delivered', 'paid'], ['Paid', 'paid'],
      ['Cancelled', 'unpaid'], ['Failed', 'unpaid'], ['Disputed', 'disputed'], ['Refunded', 'refunded'],
    ]);
  });
});

describe('building a Paynow initiation', () => {
  const request = { reference: 'INV-USD-000042', amount: money(1234, 'USD'), description: 'Odoo hosting, March', payerEmail: 'tendai@example.co.zw' };

  it('sends the fields in order, values raw, hashed in that order with the key', () => {
    const fields = buildPaynowInitiation(settings, request);
    expect(fields.map(([name]) => name)).toEqual(['id', 'reference', 'amount', 'additionalinfo', 'returnurl', 'resulturl', 'authemail', 'status', 'hash']);
    expect(Object.fromEntries(fields)).toMatchObject({ id: '1201', amount: '12.34', additionalinfo: 'Odoo hosting, March', authemail: 'tendai@example.co.zw', status: 'Message' });
    const values = fields.slice(0, -1).map(([, value]) => value);
    expect(fields.at(-1)?.[1]).toBe(paynowHash(values, settings.integrationKey));
  });

  it('adds phone and method before status for express checkout, the phone in Paynow\'s local form', () => {
    for (const phone of ['0771111111', '263771111111', '+263 77 111 1111', '+263-771-111-111']) {
      const fields = buildPaynowInitiation(settings, { ...request, phone, method: 'ecocash' });
      expect(fields.map(([name]) => name).slice(-5)).toEqual(['authemail', 'phone', 'method', 'status', 'hash']);
      expect(Object.fromEntries(fields).phone).toBe('0771111111');
    }
  });

  it('pins authemail to the merchant address when the settings give one (Paynow\'s test mode)', () => {
    const fields = buildPaynowInitiation({ ...settings, authEmail: 'merchant@example.co.zw' }, request);
    expect(Object.fromEntries(fields).authemail).toBe('merchant@example.co.zw');
  });

  it.each([
    ['an amount in another currency than the integration\'s', { ...request, amount: money(1234, 'ZWG') }, /takes USD, not ZWG/],
    ['no cents', { ...request, amount: money(0, 'USD') }, /positive whole number of cents/],
    ['an empty reference', { ...request, reference: '' }, /reference must be/],
    ['a reference with a line break', { ...request, reference: 'INV\n1' }, /reference must be/],
    ['a payer address that is not one', { ...request, payerEmail: 'tendai at home' }, /payerEmail/],
    ['a landline', { ...request, phone: '0242123456', method: 'ecocash' as const }, /Zimbabwean mobile number/],
    ['a method Paynow\'s express checkout does not take for mobile money', { ...request, phone: '0771111111', method: 'vmc' as never }, /method must be one of ecocash, onemoney/],
  ])('refuses %s', (_case, badRequest, message) => {
    expect(() => buildPaynowInitiation(settings, badRequest)).toThrow(InvalidPaymentRequestError);
    expect(() => buildPaynowInitiation(settings, badRequest)).toThrow(message);
  });

  it('takes ZWG on a ZWG integration', () => {
    const fields = buildPaynowInitiation({ ...settings, currency: 'ZWG' }, { ...request, amount: money(250_000, 'ZWG') });
    expect(Object.fromEntries(fields).amount).toBe('2500.00');
  });
});
