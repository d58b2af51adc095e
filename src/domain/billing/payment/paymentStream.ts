export const paymentCategory = 'payment';

/** A payment attempt's stream is named by our merchant reference (docs/decisions/051): the one key
 * every Paynow reply, callback and poll carries back. */
export function paymentStream(reference: string): string {
  return `${paymentCategory}-${reference}`;
}
