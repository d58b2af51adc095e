import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Paynow's message hash (docs/decisions/047): SHA-512 of every field value in message order (the
 * hash field left out) followed by the integration key, UTF-8, as upper-case hex.
 */
export function paynowHash(values: readonly string[], integrationKey: string): string {
  return createHash('sha512').update(values.join('') + integrationKey, 'utf8').digest('hex').toUpperCase();
}

/** Constant-time comparison, so a forger learns nothing from how long a refusal takes. */
export function paynowHashesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toUpperCase(), 'utf8');
  const b = Buffer.from(received.toUpperCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
