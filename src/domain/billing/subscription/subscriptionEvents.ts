import type { InstancePlanName } from '../../instance/instancePlans';
import type { BillingInterval, BillingPeriod } from '../billingPeriod';
import type { CalendarDay } from '../calendarDays';
import type { Currency, Money } from '../money';
import type { Proration } from '../prorate';
import type { InvoiceSettlement, PaymentReminder } from './subscriptionCommands';

export type SubscriptionStarted = {
  type: 'SubscriptionStarted';
  data: { instanceId: string; tenantId: string; plan: InstancePlanName; currency: Currency; interval: BillingInterval; startedOn: CalendarDay; trialEndsOn: CalendarDay };
};
export type SubscriptionBillingChanged = {
  type: 'SubscriptionBillingChanged';
  data: { instanceId: string; currency: Currency; interval: BillingInterval; previousCurrency: Currency; previousInterval: BillingInterval };
};
/** `proration`: what the billing process must invoice (charge) or credit (a credit note); null in
 * the trial or when nothing is owed. */
export type SubscriptionPlanChanged = {
  type: 'SubscriptionPlanChanged';
  data: { instanceId: string; plan: InstancePlanName; previousPlan: InstancePlanName; price: Money; changedOn: CalendarDay; proration: Proration | null };
};
export type SubscriptionInvoiced = {
  type: 'SubscriptionInvoiced';
  data: { instanceId: string; invoiceId: string; total: Money; dueOn: CalendarDay; period: (BillingPeriod & { price: Money }) | null };
};
/** The trial is over: the first period was invoiced. */
export type SubscriptionActivated = { type: 'SubscriptionActivated'; data: { instanceId: string; invoiceId: string } };
export type SubscriptionInvoiceSettled = { type: 'SubscriptionInvoiceSettled'; data: { instanceId: string; invoiceId: string; settlement: InvoiceSettlement } };
/** Dunning reminded the tenant of an unpaid invoice (the notifier mails it); `graceEndsOn` when
 * the subscription is already past due (the day the instance will be suspended). */
export type SubscriptionPaymentReminded = {
  type: 'SubscriptionPaymentReminded';
  data: { instanceId: string; tenantId: string; invoiceId: string; reminder: PaymentReminder; dueOn: CalendarDay; graceEndsOn: CalendarDay | null };
};
export type SubscriptionMarkedPastDue = { type: 'SubscriptionMarkedPastDue'; data: { instanceId: string; invoiceId: string; graceEndsOn: CalendarDay } };
/** Every overdue invoice was settled before suspension. */
export type SubscriptionReactivated = { type: 'SubscriptionReactivated'; data: { instanceId: string } };
export type SubscriptionSuspended = { type: 'SubscriptionSuspended'; data: { instanceId: string; suspendedOn: CalendarDay; unpaidInvoiceIds: string[] } };
/** The instance may run again: paid (status active) or an operator extended the grace (past_due). */
export type SubscriptionResumed = { type: 'SubscriptionResumed'; data: { instanceId: string; reason: 'paid' | 'grace-extended' } };
export type SubscriptionGraceExtended = {
  type: 'SubscriptionGraceExtended';
  data: { instanceId: string; graceEndsOn: CalendarDay; previousGraceEndsOn: CalendarDay; reason: string; extendedBy: string };
};
export type SubscriptionCancelled = { type: 'SubscriptionCancelled'; data: { instanceId: string; reason: string; cancelledBy: string } };

export type SubscriptionEvent =
  | SubscriptionStarted | SubscriptionBillingChanged | SubscriptionPlanChanged | SubscriptionInvoiced | SubscriptionActivated
  | SubscriptionInvoiceSettled | SubscriptionMarkedPastDue | SubscriptionReactivated | SubscriptionSuspended | SubscriptionResumed
  | SubscriptionGraceExtended | SubscriptionCancelled | SubscriptionPaymentReminded;

export const subscriptionEventTypes = [
  'SubscriptionStarted', 'SubscriptionBillingChanged', 'SubscriptionPlanChanged', 'SubscriptionInvoiced', 'SubscriptionActivated',
  'SubscriptionInvoiceSettled', 'SubscriptionMarkedPastDue', 'SubscriptionReactivated', 'SubscriptionSuspended', 'SubscriptionResumed',
  'SubscriptionGraceExtended', 'SubscriptionCancelled', 'SubscriptionPaymentReminded',
] as const satisfies readonly SubscriptionEvent['type'][];
