import type { EventStore } from '../ports/eventStore';
import type { InvoiceCommand } from '../domain/billing/invoice/invoiceCommands';
import { invoiceDecider } from '../domain/billing/invoice/invoiceDecider';
import type { InvoiceEvent } from '../domain/billing/invoice/invoiceEvents';
import { invoiceNumberSequenceDecider, type AssignInvoiceNumber, type InvoiceNumberEvent } from '../domain/billing/invoice/invoiceNumberSequence';
import type { InvoiceState } from '../domain/billing/invoice/invoiceState';
import { invoiceCategory, invoiceNumberCategories, invoiceNumberStream, invoiceStream } from '../domain/billing/invoice/invoiceStream';
import type { InvoiceKind } from '../domain/billing/invoice/invoiceTotals';
import type { SubscriptionCommand } from '../domain/billing/subscription/subscriptionCommands';
import { subscriptionDecider } from '../domain/billing/subscription/subscriptionDecider';
import { subscriptionCategory } from '../domain/billing/subscription/subscriptionStream';
import { DomainError, NotFoundError } from '../domain/shared/decider';
import * as s from './billingCommandSchemas';
import { commandHandler } from './commandHandlerSpec';

const subscriptionAggregate = {
  category: subscriptionCategory,
  decider: subscriptionDecider,
  aggregateId: (command: SubscriptionCommand) => command.data.instanceId,
};
const invoiceAggregate = {
  category: invoiceCategory,
  decider: invoiceDecider,
  aggregateId: (command: InvoiceCommand) => command.data.invoiceId,
};

type Store = Pick<EventStore, 'readStream'>;

export async function loadInvoice(store: Store, invoiceId: string): Promise<InvoiceState> {
  const events = await store.readStream(invoiceStream(invoiceId));
  return events.reduce((state, event) => invoiceDecider.evolve(state, event as unknown as InvoiceEvent), invoiceDecider.initialState());
}

/** The number a sequence gave an invoice, or null. */
export async function assignedInvoiceNumber(store: Store, kind: InvoiceKind, currency: AssignInvoiceNumber['data']['currency'], invoiceId: string): Promise<number | null> {
  const events = await store.readStream(invoiceNumberStream(kind, currency));
  const assignment = events.find((event) => (event as unknown as InvoiceNumberEvent).data.invoiceId === invoiceId);
  return assignment ? (assignment as unknown as InvoiceNumberEvent).data.number : null;
}

/** A number is only given to a draft of that kind and currency: a draft is always issued in the end
 * (it cannot be discarded), so a number given is never lost to a gap. */
function numberSequence(kind: InvoiceKind) {
  return {
    category: invoiceNumberCategories[kind],
    decider: invoiceNumberSequenceDecider,
    aggregateId: (command: AssignInvoiceNumber) => command.data.currency,
    schema: s.assignInvoiceNumberSchema,
    description: `Billing: give ${kind === 'invoice' ? 'an invoice' : 'a credit note'} draft the next number of its currency's gapless sequence (internal; see src/commands/issueInvoice.ts).`,
    toCommand: (data: { currency: AssignInvoiceNumber['data']['currency']; invoiceId: string }): AssignInvoiceNumber => ({ type: 'AssignInvoiceNumber', data: { ...data, kind } }),
    precondition: async ({ data }: AssignInvoiceNumber, store: Store) => {
      const invoice = await loadInvoice(store, data.invoiceId);
      if (invoice.status === 'absent') throw new NotFoundError('Invoice', data.invoiceId);
      if (invoice.status !== 'draft' || invoice.kind !== kind || invoice.currency !== data.currency) {
        throw new DomainError('invoice-not-numberable', `Invoice ${data.invoiceId} is not a ${data.currency} ${kind} draft`);
      }
    },
  };
}

/** Billing commands (issue 15). Reports of the billing, payment and dunning processes are `internal`
 * (billingCommandAccess); the tenant chooses currency and interval and may cancel; operators waive,
 * void and extend grace. */
export const billingCommandHandlers = {
  StartSubscription: commandHandler({
    ...subscriptionAggregate, schema: s.startSubscriptionSchema, description: 'Provisioning: the instance\'s subscription starts its trial (internal).',
    toCommand: (data): SubscriptionCommand => ({ type: 'StartSubscription', data }),
  }),
  ChangeSubscriptionBilling: commandHandler({
    ...subscriptionAggregate, schema: s.changeSubscriptionBillingSchema, description: 'Choose the currency (USD, ZWG) and interval (monthly, annual) the next periods are billed in.',
    toCommand: (data): SubscriptionCommand => ({ type: 'ChangeSubscriptionBilling', data }),
  }),
  ChangeSubscriptionPlan: commandHandler({
    ...subscriptionAggregate, schema: s.changeSubscriptionPlanSchema, description: 'The instance was resized: the subscription follows and prorates the rest of the period (internal).',
    toCommand: (data): SubscriptionCommand => ({ type: 'ChangeSubscriptionPlan', data }),
  }),
  RecordInvoiceIssued: commandHandler({
    ...subscriptionAggregate, schema: s.recordInvoiceIssuedSchema, description: 'Billing report: an invoice of this subscription was issued; a period invoice ends the trial (internal).',
    toCommand: (data): SubscriptionCommand => ({ type: 'RecordInvoiceIssued', data }),
  }),
  RecordInvoiceSettled: commandHandler({
    ...subscriptionAggregate, schema: s.recordInvoiceSettledSchema, description: 'Payment report: an invoice was paid, waived or voided; the last overdue one reactivates or resumes (internal).',
    toCommand: (data): SubscriptionCommand => ({ type: 'RecordInvoiceSettled', data }),
  }),
  MarkSubscriptionPastDue: commandHandler({
    ...subscriptionAggregate, schema: s.markSubscriptionPastDueSchema, description: 'Dunning: an invoice is unpaid after its due day; the grace period starts (internal).',
    toCommand: (data): SubscriptionCommand => ({ type: 'MarkSubscriptionPastDue', data }),
  }),
  RecordPaymentReminder: commandHandler({
    ...subscriptionAggregate, schema: s.recordPaymentReminderSchema, description: 'Dunning: remind the tenant of an unpaid invoice (T-3, T, T+3 around its due day), once each (internal).',
    toCommand: (data): SubscriptionCommand => ({ type: 'RecordPaymentReminder', data }),
  }),
  SuspendSubscription: commandHandler({
    ...subscriptionAggregate, schema: s.suspendSubscriptionSchema, description: 'Dunning: the grace period is over; the instance is stopped, its data kept (internal).',
    toCommand: (data): SubscriptionCommand => ({ type: 'SuspendSubscription', data }),
  }),
  ExtendSubscriptionGrace: commandHandler({
    ...subscriptionAggregate, schema: s.extendSubscriptionGraceSchema, description: 'Operator: extend a past-due subscription\'s grace period, with a reason (resumes a suspended one).',
    toCommand: (data, metadata): SubscriptionCommand => ({ type: 'ExtendSubscriptionGrace', data: { ...data, extendedBy: metadata.actor } }),
  }),
  CancelSubscription: commandHandler({
    ...subscriptionAggregate, schema: s.cancelSubscriptionSchema, description: 'End the subscription; the instance is deleted after the retention period.',
    toCommand: (data, metadata): SubscriptionCommand => ({ type: 'CancelSubscription', data: { ...data, cancelledBy: metadata.actor } }),
  }),

  DraftInvoice: commandHandler({
    ...invoiceAggregate, schema: s.draftInvoiceSchema, description: 'Billing: prepare an invoice or credit note with its lines and tax (internal).',
    toCommand: (data, _metadata, newId): InvoiceCommand => ({ type: 'DraftInvoice', data: { ...data, invoiceId: data.invoiceId ?? newId() } }),
  }),
  AssignInvoiceNumber: commandHandler(numberSequence('invoice')),
  AssignCreditNoteNumber: commandHandler(numberSequence('creditNote')),
  IssueInvoice: commandHandler({
    ...invoiceAggregate, schema: s.issueInvoiceSchema, description: 'Billing: issue a draft with the number its sequence gave it (internal; see src/commands/issueInvoice.ts).',
    toCommand: (data): InvoiceCommand => ({ type: 'IssueInvoice', data }),
    precondition: async (command, store) => {
      if (command.type !== 'IssueInvoice') return;
      const invoice = await loadInvoice(store, command.data.invoiceId);
      if (invoice.status === 'absent') return;
      const number = await assignedInvoiceNumber(store, invoice.kind, invoice.currency, command.data.invoiceId);
      if (number !== command.data.number) {
        throw new DomainError('invoice-number-not-assigned', `Number ${command.data.number} was not given to invoice ${command.data.invoiceId} by its sequence`);
      }
    },
  }),
  RecordPaymentReceived: commandHandler({
    ...invoiceAggregate, schema: s.recordPaymentReceivedSchema, description: 'Payment saga: a payment the gateway confirmed; paid once per reference, a mismatch held for review (internal).',
    toCommand: (data): InvoiceCommand => ({ type: 'RecordPaymentReceived', data }),
  }),
  WaiveInvoice: commandHandler({
    ...invoiceAggregate, schema: s.invoiceReasonSchema, description: 'Operator: the tenant need not pay this invoice, with a reason.',
    toCommand: (data, metadata): InvoiceCommand => ({ type: 'WaiveInvoice', data: { ...data, waivedBy: metadata.actor } }),
  }),
  VoidInvoice: commandHandler({
    ...invoiceAggregate, schema: s.invoiceReasonSchema, description: 'Operator: cancel an issued, unpaid invoice (it keeps its number), with a reason.',
    toCommand: (data, metadata): InvoiceCommand => ({ type: 'VoidInvoice', data: { ...data, voidedBy: metadata.actor } }),
  }),
};
