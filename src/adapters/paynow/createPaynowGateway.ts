import type { Currency } from '../../domain/billing/money';
import {
  PaymentGatewayProtocolError,
  type MobilePaymentInitiation, type PaymentGateway, type PaymentHashMismatchError,
  type PaymentRefused, type WebPaymentInitiation,
} from '../../ports/paymentGateway';
import type { CircuitBreakerGuard } from '../resilience/createCircuitBreaker';
import { buildPaynowInitiation, type PaynowFields } from './buildPaynowInitiation';
import { parsePaynowMessage, verifyPaynowMessage, type PaynowMessage } from './parsePaynowMessage';
import type { PaynowSettings } from './paynowSettings';
import { postToPaynow } from './postToPaynow';
import { readPaynowStatusReport } from './readPaynowStatusReport';

export interface PaynowGatewayOptions {
  /** Every HTTP exchange goes through it when given (counting only unavailability as failure). */
  breaker?: CircuitBreakerGuard;
}

/** Paynow behind the PaymentGateway port, with our own small client (docs/decisions/047). */
export function createPaynowGateway(settings: PaynowSettings, options: PaynowGatewayOptions = {}): PaymentGateway {
  checkSettings(settings);
  const currency: Currency = settings.currency ?? 'USD';
  const base = new URL(settings.baseUrl);
  const post = (url: string, fields: PaynowFields | null) => {
    const exchange = () => postToPaynow(url, fields, settings.timeoutMs);
    return options.breaker ? options.breaker.fire(exchange) : exchange();
  };

  async function initiate(path: string, fields: PaynowFields): Promise<{ message: PaynowMessage } | PaymentRefused> {
    const message = parsePaynowMessage(await post(new URL(path, base).toString(), fields));
    const status = message.get('status')?.toLowerCase();
    if (status === 'error') {
      // Paynow's documented Error replies carry no hash; one that does must verify. Either way a
      // refusal only says that nothing started: it can never mark anything paid.
      if (message.get('hash') !== undefined) verifyPaynowMessage(message, settings.integrationKey, 'initiation reply');
      return { outcome: 'refused', reason: (message.get('error') ?? 'Paynow refused the payment').slice(0, 500) };
    }
    verifyPaynowMessage(message, settings.integrationKey, 'initiation reply');
    if (status !== 'ok') throw new PaymentGatewayProtocolError(`Paynow answered an initiation with status "${(message.get('status') ?? '').slice(0, 30)}"`);
    return { message };
  }

  return {
    async initiateWebPayment(request): Promise<WebPaymentInitiation> {
      const reply = await initiate('/interface/initiatetransaction', buildPaynowInitiation(settings, request));
      if (!('message' in reply)) return reply;
      return {
        outcome: 'started',
        browserUrl: httpUrl(reply.message, 'browserurl'),
        pollUrl: checkedPollUrl(httpUrl(reply.message, 'pollurl'), base),
        ...optional('paynowReference', reply.message.get('paynowreference')),
      };
    },

    async initiateMobilePayment(request): Promise<MobilePaymentInitiation> {
      const reply = await initiate('/interface/remotetransaction', buildPaynowInitiation(settings, request));
      if (!('message' in reply)) return reply;
      return {
        outcome: 'started',
        pollUrl: checkedPollUrl(httpUrl(reply.message, 'pollurl'), base),
        ...optional('instructions', reply.message.get('instructions')),
        ...optional('paynowReference', reply.message.get('paynowreference')),
      };
    },

    async pollPayment(pollUrl) {
      const message = parsePaynowMessage(await post(checkedPollUrl(pollUrl, base), null));
      if (message.get('status')?.toLowerCase() === 'error' && message.get('hash') === undefined) {
        throw new PaymentGatewayProtocolError(`Paynow refused the poll: ${(message.get('error') ?? 'no reason given').slice(0, 200)}`);
      }
      return verifiedReport(message, 'poll reply');
    },

    parseResultCallback(formBody) {
      if (typeof formBody !== 'string') throw new PaymentGatewayProtocolError('a result callback must be passed as its raw form body');
      return verifiedReport(parsePaynowMessage(formBody), 'result callback');
    },
  };

  function verifiedReport(message: PaynowMessage, source: PaymentHashMismatchError['source']) {
    verifyPaynowMessage(message, settings.integrationKey, source);
    const report = readPaynowStatusReport(message, currency);
    return { ...report, pollUrl: checkedPollUrl(report.pollUrl, base) };
  }
}

/**
 * Poll URLs are stored and fetched later: only Paynow's own host (the base URL's) is ever polled,
 * whatever a stored value says. Ports may differ (Paynow's own examples show one).
 */
function checkedPollUrl(pollUrl: string, base: URL): string {
  let url: URL;
  try {
    url = new URL(pollUrl);
  } catch {
    throw new PaymentGatewayProtocolError('poll URL is not a URL');
  }
  if (url.hostname !== base.hostname || (url.protocol !== base.protocol && url.protocol !== 'https:')) {
    throw new PaymentGatewayProtocolError(`poll URL is not on Paynow's host ${base.hostname}`);
  }
  return url.toString();
}

function httpUrl(message: PaynowMessage, name: string): string {
  const value = message.get(name);
  if (!value || !/^https?:\/\//i.test(value)) throw new PaymentGatewayProtocolError(`Paynow's reply lacks a valid ${name}`);
  return value;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

function checkSettings(settings: PaynowSettings): void {
  const problems: string[] = [];
  if (!settings.integrationId) problems.push('integrationId is empty');
  if (!settings.integrationKey) problems.push('integrationKey is empty');
  for (const name of ['baseUrl', 'resultUrl', 'returnUrl'] as const) {
    if (!/^https?:\/\/[^/]/i.test(settings[name] ?? '')) problems.push(`${name} must be an http(s) URL`);
  }
  if (!Number.isInteger(settings.timeoutMs) || settings.timeoutMs < 1) problems.push('timeoutMs must be a positive whole number');
  if (problems.length > 0) throw new Error(`Invalid Paynow settings: ${problems.join('; ')}`);
}
