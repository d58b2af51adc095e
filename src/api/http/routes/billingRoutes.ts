import { Readable } from 'node:stream';
import { z } from 'zod';
import type { TenantPermission } from '../../../domain/authorization/tenantPermissions';
import type { Principal } from '../../../domain/authorization/principal';
import type { PriceCatalogue } from '../../../domain/billing/priceCatalogue';
import { NotFoundError } from '../../../domain/shared/decider';
import type { InvoiceView } from '../../../projections/billing/queryInvoices';
import type { SubscriptionView } from '../../../projections/billing/querySubscriptions';
import { apiRoute } from '../apiRoute';
import { HttpError } from '../httpErrors';
import { renderInvoicePdf } from './renderInvoicePdf';

export interface BillingRouteDeps {
  /** False without a payment provider: billing is off and every billing route answers 503. */
  enabled: boolean;
  prices: PriceCatalogue;
  invoices: { get(invoiceId: string): Promise<InvoiceView | null>; list(tenantId: string): Promise<InvoiceView[]> };
  subscriptions: { get(instanceId: string): Promise<SubscriptionView | null> };
  authorizeTenant(principal: Principal, tenantId: string, permission: TenantPermission): Promise<void>;
}

const invoiceParams = z.strictObject({ invoiceId: z.uuid({ message: 'must be a UUID' }) });
const instanceParams = z.strictObject({ instanceId: z.uuid({ message: 'must be a UUID' }) });
const listQuery = z.strictObject({ tenantId: z.uuid({ message: 'must be a UUID' }) });

/** Plans and a tenant's invoices (issue 15 item 7); paying is billingPaymentRoutes. */
export function billingRoutes(deps: BillingRouteDeps) {
  const requireEnabled = () => {
    if (!deps.enabled) throw new HttpError(503, 'billing-disabled', 'Billing is disabled', 'This platform takes no payments: no payment provider is configured');
  };
  // Whose invoice it is comes first: someone else's answers 403/404 whether billing is on or not.
  const readableInvoice = async (principal: Principal, invoiceId: string) => {
    const invoice = await deps.invoices.get(invoiceId);
    if (!invoice || invoice.status === 'draft') throw new NotFoundError('Invoice', invoiceId);
    await deps.authorizeTenant(principal, invoice.tenantId, 'billing:read');
    requireEnabled();
    return invoice;
  };
  return [
    apiRoute({
      method: 'get', path: '/api/v1/billing/plans', operationId: 'listPlanPrices', tag: 'Billing',
      summary: 'The price catalogue: every plan\'s price in minor units (cents) per currency and interval, and the trial days.',
      authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'Prices' },
      handle: async () => {
        requireEnabled();
        return { status: 200, body: deps.prices };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/instances/:instanceId/subscription', operationId: 'getSubscription', tag: 'Billing',
      summary: 'An instance\'s subscription: state (trialing, active, past_due, suspended, cancelled), plan, currency, interval, current period, next invoice day.',
      params: instanceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'Subscription' },
      handle: async (input) => {
        const subscription = await deps.subscriptions.get(input.params.instanceId);
        if (!subscription) throw new NotFoundError('Subscription', input.params.instanceId);
        await deps.authorizeTenant(input.context.principal, subscription.tenantId, 'billing:read');
        requireEnabled();
        return { status: 200, body: subscription };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/invoices', operationId: 'listInvoices', tag: 'Billing',
      summary: 'A tenant\'s invoices and credit notes, newest first.', query: listQuery, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'Invoices' },
      handle: async (input) => {
        await deps.authorizeTenant(input.context.principal, input.query.tenantId, 'billing:read');
        requireEnabled();
        return { status: 200, body: { invoices: await deps.invoices.list(input.query.tenantId) } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/invoices/:invoiceId', operationId: 'getInvoice', tag: 'Billing',
      summary: 'One invoice: number, status, lines, totals, due day, when and under which reference it was paid.',
      params: invoiceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'Invoice' },
      handle: async (input) => ({ status: 200, body: await readableInvoice(input.context.principal, input.params.invoiceId) }),
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/invoices/:invoiceId/html', operationId: 'renderInvoice', tag: 'Billing',
      summary: 'One invoice rendered as an HTML document.', params: invoiceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'HTML' },
      handle: async (input) => {
        const invoice = await readableInvoice(input.context.principal, input.params.invoiceId);
        return { status: 200, stream: Readable.from([renderInvoiceHtml(invoice)]), headers: { 'content-type': 'text/html; charset=utf-8' } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/invoices/:invoiceId/pdf', operationId: 'renderInvoicePdf', tag: 'Billing',
      summary: 'One invoice as a PDF document.', params: invoiceParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'PDF' },
      handle: async (input) => {
        const invoice = await readableInvoice(input.context.principal, input.params.invoiceId);
        return {
          status: 200, stream: Readable.from([renderInvoicePdf(invoice)]),
          headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="invoice-${invoice.number ?? invoice.invoiceId}.pdf"` },
        };
      },
    }),
  ];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// Minor units to a decimal string without floats: both currencies have two decimals (src/domain/billing/money.ts).
const amount = (minor: number, currency: string) => `${currency} ${minor < 0 ? '-' : ''}${Math.trunc(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

export function renderInvoiceHtml(invoice: InvoiceView): string {
  const title = `${invoice.kind === 'creditNote' ? 'Credit note' : 'Invoice'} ${invoice.number ?? ''}`;
  const rows = invoice.lines.map((line) =>
    `<tr><td>${escape(line.description)}</td><td>${line.quantity}</td><td>${amount(line.unitAmountMinor, invoice.currency)}</td><td>${amount(line.amountMinor, invoice.currency)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escape(title)}</title></head>
<body style="font-family: sans-serif; max-width: 48rem; margin: 2rem auto">
<h1>${escape(title)}</h1>
<p>Issued ${escape(invoice.issuedOn ?? '')} · due ${escape(invoice.dueOn)} · <strong>${escape(invoice.status)}</strong>${invoice.paidAt ? ` on ${escape(invoice.paidAt.slice(0, 10))} (Paynow reference ${escape(invoice.paymentReference ?? '')})` : ''}</p>
<table style="width: 100%; border-collapse: collapse"><thead><tr><th align="left">Description</th><th>Quantity</th><th>Unit price</th><th>Amount</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Subtotal ${amount(invoice.subtotalMinor, invoice.currency)}<br>${escape(invoice.tax.name)} (${invoice.tax.rateBasisPoints / 100} %) ${amount(invoice.tax.amountMinor, invoice.currency)}<br><strong>Total ${amount(invoice.totalMinor, invoice.currency)}</strong></p>
</body></html>
`;
}
