import { PaymentGatewayProtocolError, PaymentGatewayUnavailableError } from '../../ports/paymentGateway';
import type { PaynowFields } from './buildPaynowInitiation';

/** Paynow's replies are a few hundred bytes; a larger one is not Paynow's. */
const MAX_REPLY_BYTES = 64 * 1024;
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * POSTs a form (or an empty body, as polls are) and returns the reply's text. Redirects are not
 * followed: a redirected initiation would carry our hash to wherever the redirect points. Errors name
 * the URL's origin and path only (a poll URL's query is the payment's capability).
 */
export async function postToPaynow(url: string, fields: PaynowFields | null, timeoutMs: number): Promise<string> {
  const where = describeUrl(url);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/plain, */*' },
      body: fields ? new URLSearchParams(fields.map(([name, value]): [string, string] => [name, value])).toString() : '',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    if ((error as Error).name === 'TimeoutError') throw new PaymentGatewayUnavailableError(`Paynow did not answer ${where} within ${timeoutMs} ms`, true);
    throw new PaymentGatewayUnavailableError(`Paynow could not be reached at ${where}${code ? ` (${code})` : ''}`, !code || !NEVER_SENT_CODES.has(code));
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new PaymentGatewayProtocolError(`Paynow answered ${where} with a redirect (${response.status}), which is not followed`);
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new PaymentGatewayUnavailableError(`Paynow answered ${where} with HTTP ${response.status}`, true);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new PaymentGatewayProtocolError(`Paynow answered ${where} with HTTP ${response.status}`);
  }
  return readBounded(response, where, timeoutMs);
}

async function readBounded(response: Response, where: string, timeoutMs: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_REPLY_BYTES) {
        await response.body.cancel().catch(() => undefined);
        throw new PaymentGatewayProtocolError(`Paynow's reply from ${where} is larger than ${MAX_REPLY_BYTES} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PaymentGatewayProtocolError) throw error;
    if ((error as Error).name === 'TimeoutError') throw new PaymentGatewayUnavailableError(`Paynow's reply from ${where} took longer than ${timeoutMs} ms`, true);
    throw new PaymentGatewayUnavailableError(`Paynow's reply from ${where} was cut off`, true);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
