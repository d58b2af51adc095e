import type { Currency } from '../money';
import type { InvoiceKind } from './invoiceTotals';

export const invoiceCategory = 'invoice';

export function invoiceStream(invoiceId: string): string {
  return `${invoiceCategory}-${invoiceId}`;
}

/** Each kind of document is numbered in its own sequence per currency: `invoicenumbers-USD`,
 * `creditnotenumbers-ZWG`. Each stream's events are the numbers given, in order (docs/decisions/048). */
export const invoiceNumberCategories = { invoice: 'invoicenumbers', creditNote: 'creditnotenumbers' } as const satisfies Record<InvoiceKind, string>;

export function invoiceNumberStream(kind: InvoiceKind, currency: Currency): string {
  return `${invoiceNumberCategories[kind]}-${currency}`;
}
