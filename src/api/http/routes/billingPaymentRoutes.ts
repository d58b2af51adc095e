import { v5, v7 } from 'uuid';
import { z } from 'zod';
import type { HandleCommand } from '../../../commands/handleCommand';
import type { TenantPermission } from '../../../domain/authorization/tenantPermissions';
import type { Principal } from '../../../domain/authorization/principal';
import type { InvoiceState } from '../../../domain/billing/invoice/invoiceState';
import type { PaymentState } from '../../../domain/billing/payment/paymentState';
import { NotFoundError } from '../../../domain/shared/decider';
import { mobileMoneyMethods, PaymentHashMismatchError, type PaymentGateway } from '../../../ports/paymentGateway';
import { paynowCallbackHashFailuresTotal } from '../../../observability/billingMetrics';
import { apiRoute } from '../apiRoute';
import { HttpError } from '../httpErrors';

export interface BillingPaymentRouteDeps {
  handleCommand: HandleCommand;
  /** Null when billing is off (no Paynow integration configured): every route answers 503. */
  gateway: PaymentGateway | null;
  loadInvoice(invoiceId: string): Promise<InvoiceState>;
  loadPayment(reference: string): Promise<PaymentState>;
  authorizeTenant(principal: Principal, tenantId: string, permission: TenantPermission): Promise<void>;
  /** Keeps the payer's phone, encrypted, for the payment saga (never in an event: docs/decisions/051). */
  rememberPayerPhone(reference: string, phone: string): Promise<void>;
  /** Appends PaymentCallbackRejected (src/domain/billing/payment/paymentAuditEvents.ts). */
  recordRejectedCallback(ip: string, correlationId: string): Promise<void>;
}

export const paynowResultPath = '/api/v1/billing/paynow/result';
// Fixed namespace: a payment reference derived from a caller's Idempotency-Key.
const paymentReferenceNamespace = '0d9c6b1e-7a42-4f3b-8e15-2c6a9f4d7b80';

const invoiceParams = z.strictObject({ invoiceId: z.uuid({ message: 'must be a UUID' }) });
const paymentParams = z.strictObject({ reference: z.uuid({ message: 'must be a UUID' }) });

/** What a payer may see of an attempt: never the poll URL (Paynow's, for the platform only). */
function paymentView(payment: Exclude<PaymentState, { status: 'absent' }>) {
  return {
    reference: payment.reference, invoiceId: payment.invoiceId, status: payment.status, method: payment.method,
    amountMinor: payment.amount.amountMinor, currency: payment.amount.currency, requestedAt: payment.requestedAt,
    ...(payment.status === 'confirmed' ? { paynowReference: payment.paynowReference } : {}),
    ...(payment.status === 'failed' ? { reason: payment.reason } : {}),
  };
}
// Paynow takes Zimbabwean mobile numbers (src/ports/paymentGateway.ts MobilePaymentRequest).
const payBody = z.strictObject({
  method: z.enum(mobileMoneyMethods),
  phone: z.string().trim().regex(/^(07\d{8}|\+?2637\d{8})$/, 'must be a Zimbabwean mobile number: 07XXXXXXXX or +2637XXXXXXXX'),
});

function requireGateway(gateway: PaymentGateway | null): PaymentGateway {
  if (!gateway) throw new HttpError(503, 'billing-disabled', 'Billing is disabled', 'This platform takes no payments: no payment provider is configured');
  return gateway;
}

/** Paying an invoice by mobile money, and Paynow's result URL (issue 15 items 5 and 7). */
export function billingPaymentRoutes(deps: BillingPaymentRouteDeps) {
  return [
    apiRoute({
      method: 'post', path: '/api/v1/billing/invoices/:invoiceId/pay', operationId: 'payInvoice', tag: 'Billing',
      summary: 'Pay an issued invoice by EcoCash or OneMoney: the phone gets a prompt; the payment is confirmed with Paynow before the invoice is paid.',
      params: invoiceParams, body: payBody, authorize: () => ({ kind: 'signedIn' }), responses: { 202: 'Payment started' },
      handle: async (input) => {
        // Whose invoice it is comes first: someone else's answers 403/404 whether billing is on or not.
        const invoice = await deps.loadInvoice(input.params.invoiceId);
        if (invoice.status === 'absent' || invoice.kind !== 'invoice') throw new NotFoundError('Invoice', input.params.invoiceId);
        await deps.authorizeTenant(input.context.principal, invoice.tenantId, 'billing:manage');
        requireGateway(deps.gateway);
        if (invoice.status !== 'issued') throw new HttpError(409, 'invoice-not-payable', 'Invoice not payable', `Invoice ${input.params.invoiceId} is ${invoice.status}, not awaiting payment`);
        // Ours, new per attempt (docs/decisions/051); a retry with the same Idempotency-Key (scoped
        // to the caller) names the same attempt and starts nothing new.
        const reference = input.idempotencyKey ? v5(input.idempotencyKey, paymentReferenceNamespace) : v7();
        const earlier = await deps.loadPayment(reference);
        if (earlier.status !== 'absent') {
          if (earlier.invoiceId !== invoice.invoiceId) throw new HttpError(422, 'idempotency-key-reused', 'Idempotency key reused', 'This Idempotency-Key was used to pay another invoice');
          return { status: 202, body: { reference, invoiceId: invoice.invoiceId, status: earlier.status }, headers: { Location: `/api/v1/billing/payments/${reference}` } };
        }
        await deps.rememberPayerPhone(reference, input.body.phone);
        const result = await deps.handleCommand({
          type: 'RequestPayment',
          data: {
            reference, invoiceId: invoice.invoiceId, tenantId: invoice.tenantId, amount: { amountMinor: invoice.totalMinor, currency: invoice.currency },
            method: input.body.method, requestedAt: new Date().toISOString(),
          },
          metadata: { commandId: input.idempotencyKey ?? v7(), actor: input.context.actor, correlationId: input.context.correlationId, tenantId: invoice.tenantId },
        });
        return { status: 202, body: { reference, invoiceId: invoice.invoiceId, status: 'requested', position: result.position }, headers: { Location: `/api/v1/billing/payments/${reference}` } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/billing/payments/:reference', operationId: 'getPayment', tag: 'Billing',
      summary: 'A payment attempt (the Location of a pay request): requested, initiated, confirmed, failed or timedOut, with the invoice it pays.',
      params: paymentParams, authorize: () => ({ kind: 'signedIn' }), responses: { 200: 'Payment' },
      handle: async (input) => {
        const payment = await deps.loadPayment(input.params.reference);
        if (payment.status === 'absent') throw new NotFoundError('Payment', input.params.reference);
        await deps.authorizeTenant(input.context.principal, payment.tenantId, 'billing:read');
        requireGateway(deps.gateway);
        return { status: 200, body: paymentView(payment) };
      },
    }),
    apiRoute({
      method: 'post', path: paynowResultPath, operationId: 'paynowResult', tag: 'Billing',
      summary: 'Paynow\'s result URL: a signed, form-encoded status update. Recorded, then confirmed by polling Paynow (the confirmPaymentCallback saga).',
      // The raw form body (createHttpApp reads it as text here): the hash covers the fields in order.
      body: z.string().max(4000), authorize: () => ({ kind: 'public' }), responses: { 200: 'Recorded' },
      handle: async (input) => {
        const gateway = requireGateway(deps.gateway);
        let report;
        try {
          report = gateway.parseResultCallback(input.body);
        } catch (error) {
          if (!(error instanceof PaymentHashMismatchError)) throw error;
          paynowCallbackHashFailuresTotal.inc();
          await deps.recordRejectedCallback(input.context.client.ip ?? 'unknown', input.context.correlationId);
          throw new HttpError(401, 'callback-not-signed', 'Callback not signed', 'The status update failed hash verification');
        }
        const payment = await deps.loadPayment(report.reference);
        if (payment.status === 'absent') throw new NotFoundError('Payment', report.reference);
        await deps.handleCommand({
          type: 'RecordPaymentCallback',
          data: { reference: report.reference, paynowReference: report.paynowReference, status: report.status, receivedAt: new Date().toISOString() },
          // A repeated post is a new command that the payment's decider turns into nothing.
          metadata: { commandId: v7(), actor: 'system:paynow-result', correlationId: input.context.correlationId, tenantId: payment.tenantId },
        });
        return { status: 200, body: { received: true } };
      },
    }),
  ];
}
