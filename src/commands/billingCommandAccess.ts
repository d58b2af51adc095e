import type { AccessRequest } from '../domain/authorization/accessRequest';

type Data = Record<string, unknown>;
const manage = (data: Data): AccessRequest => ({ kind: 'tenant', tenantId: String(data.tenantId), permission: 'billing:manage' });
const operator = (): AccessRequest => ({ kind: 'operator' });
const internal = (): AccessRequest => ({ kind: 'internal' });

/** Policy of the billing commands over an ingress (spread into src/api/authorization/commandAccess).
 * Subscription commands name only an instance: the ingress resolves its tenant (instanceCommandAccess).
 * Money facts (invoices, payments, numbers) come only from the platform's own processes, which
 * check them with the gateway first; a caller can never claim to have paid. */
export const billingCommandAccess: Readonly<Record<string, (data: Data, actor: string) => AccessRequest>> = {
  ChangeSubscriptionBilling: manage,
  CancelSubscription: manage,
  ExtendSubscriptionGrace: operator,
  WaiveInvoice: operator,
  VoidInvoice: operator,
  StartSubscription: internal,
  // The plan follows the instance's resize, at the catalogue's price, never a caller's.
  ChangeSubscriptionPlan: internal,
  RecordInvoiceIssued: internal,
  RecordInvoiceSettled: internal,
  RecordPaymentReminder: internal,
  MarkSubscriptionPastDue: internal,
  SuspendSubscription: internal,
  DraftInvoice: internal,
  AssignInvoiceNumber: internal,
  AssignCreditNoteNumber: internal,
  IssueInvoice: internal,
  RecordPaymentReceived: internal,
  // The pay route checks billing:manage itself and prices the payment from the invoice; every other
  // payment fact is the result route's or the payment saga's (docs/decisions/051).
  RequestPayment: internal,
  RecordPaymentInitiated: internal,
  RecordPaymentCallback: internal,
  ConfirmPayment: internal,
  RecordPaymentFailed: internal,
  RecordPaymentTimedOut: internal,
};
