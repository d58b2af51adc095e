import { addMoney, money, multiplyMoneyByRatio, type Currency } from '../money';

/** A credit note is a document of the invoice aggregate: numbered, issued and voided the same way,
 * but never paid; it says what the platform owes the tenant (docs/decisions/048). */
export const invoiceKinds = ['invoice', 'creditNote'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];

export interface InvoiceLineInput {
  description: string;
  quantity: number;
  unitAmountMinor: number;
}
export interface InvoiceLine extends InvoiceLineInput {
  amountMinor: number;
}
/** The tax applied to the whole invoice (VAT), in basis points: 1500 = 15 %. */
export interface InvoiceTaxRate {
  name: string;
  rateBasisPoints: number;
}
export interface InvoiceTotals {
  lines: InvoiceLine[];
  subtotalMinor: number;
  tax: InvoiceTaxRate & { amountMinor: number };
  totalMinor: number;
}

/** Line amounts, subtotal, tax and total in integer minor units. Tax is computed once on the
 * subtotal, rounded half away from zero, so the total is always subtotal + tax exactly. */
export function invoiceTotals(lines: readonly InvoiceLineInput[], tax: InvoiceTaxRate, currency: Currency): InvoiceTotals {
  const priced = lines.map((line) => ({ ...line, amountMinor: money(line.quantity * line.unitAmountMinor, currency).amountMinor }));
  const subtotal = priced.reduce((sum, line) => addMoney(sum, money(line.amountMinor, currency)), money(0, currency));
  const taxAmount = multiplyMoneyByRatio(subtotal, tax.rateBasisPoints, 10_000, 'halfAwayFromZero');
  return { lines: priced, subtotalMinor: subtotal.amountMinor, tax: { ...tax, amountMinor: taxAmount.amountMinor }, totalMinor: addMoney(subtotal, taxAmount).amountMinor };
}
