import { PaymentGatewayProtocolError, PaymentHashMismatchError } from '../../ports/paymentGateway';
import { paynowHash, paynowHashesMatch } from './paynowHash';

/** A form-encoded Paynow message: names lower-cased (Paynow writes `Status` and `status`), values
 * URL-decoded, in the order received — the order the hash was computed in. */
export interface PaynowMessage {
  readonly fields: ReadonlyArray<readonly [name: string, value: string]>;
  get(name: string): string | undefined;
}

export function parsePaynowMessage(body: string): PaynowMessage {
  const fields: Array<[string, string]> = [];
  const byName = new Map<string, string>();
  for (const [rawName, value] of new URLSearchParams(body.trim())) {
    const name = rawName.toLowerCase();
    // A repeated field would make "the" value ambiguous between what was hashed and what we read.
    if (byName.has(name)) throw new PaymentGatewayProtocolError(`Paynow message repeats the field "${name.slice(0, 30)}"`);
    byName.set(name, value);
    fields.push([name, value]);
  }
  return { fields, get: (name) => byName.get(name) };
}

/** Throws PaymentHashMismatchError unless the message carries the hash of its own values and our key. */
export function verifyPaynowMessage(message: PaynowMessage, integrationKey: string, source: PaymentHashMismatchError['source']): void {
  const received = message.get('hash');
  if (!received) throw new PaymentHashMismatchError(source);
  const values = message.fields.filter(([name]) => name !== 'hash').map(([, value]) => value);
  if (!paynowHashesMatch(paynowHash(values, integrationKey), received)) throw new PaymentHashMismatchError(source);
}
