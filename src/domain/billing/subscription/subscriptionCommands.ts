import type { InstancePlanName } from '../../instance/instancePlans';
import type { BillingInterval, BillingPeriod } from '../billingPeriod';
import type { CalendarDay } from '../calendarDays';
import type { Currency, Money } from '../money';

/** On provisioning: the trial starts; the tenant may pick the currency and interval until it ends. */
export type StartSubscription = {
  type: 'StartSubscription';
  data: { instanceId: string; tenantId: string; plan: InstancePlanName; currency: Currency; interval: BillingInterval; startedOn: CalendarDay; trialDays: number };
};
/** The tenant's choice of currency and interval; it applies from the next period. */
export type ChangeSubscriptionBilling = {
  type: 'ChangeSubscriptionBilling';
  data: { instanceId: string; currency?: Currency; interval?: BillingInterval };
};
/** The instance moved to another plan (a resize). `price` is the new plan's price for the current
 * period's currency and interval, from the platform's catalogue (PLAN_PRICES), never the caller's. */
export type ChangeSubscriptionPlan = {
  type: 'ChangeSubscriptionPlan';
  data: { instanceId: string; plan: InstancePlanName; price: Money; changedOn: CalendarDay };
};
/** An invoice of this subscription was issued: a period's (which starts that period at `price`)
 * or an extra charge (a proration; `period` null). */
export type RecordInvoiceIssued = {
  type: 'RecordInvoiceIssued';
  data: { instanceId: string; invoiceId: string; total: Money; dueOn: CalendarDay; period: (BillingPeriod & { price: Money }) | null };
};
/** An invoice stopped being owed: paid, waived by an operator, or voided. Settling the last unpaid
 * invoice of an overdue subscription makes it current again (and resumes a suspended instance). */
export type RecordInvoiceSettled = {
  type: 'RecordInvoiceSettled';
  data: { instanceId: string; invoiceId: string; settlement: InvoiceSettlement };
};
export type InvoiceSettlement = 'paid' | 'waived' | 'voided';
/** Dunning: an invoice is still unpaid after its due date. */
export type MarkSubscriptionPastDue = {
  type: 'MarkSubscriptionPastDue';
  data: { instanceId: string; invoiceId: string; graceEndsOn: CalendarDay };
};
/** Dunning: a reminder of an unpaid invoice is due (T-3, T, T+3 around its due day); once per
 * invoice and kind, so the notifier mails it once. */
export type RecordPaymentReminder = {
  type: 'RecordPaymentReminder';
  data: { instanceId: string; invoiceId: string; reminder: PaymentReminder };
};
export const paymentReminders = ['beforeDue', 'due', 'overdue'] as const;
export type PaymentReminder = (typeof paymentReminders)[number];
/** Dunning: the grace period is over (the instance is stopped, its data kept). */
export type SuspendSubscription = { type: 'SuspendSubscription'; data: { instanceId: string; suspendedOn: CalendarDay } };
/** Operator: more time to pay, with a reason; a suspended subscription is resumed meanwhile. */
export type ExtendSubscriptionGrace = {
  type: 'ExtendSubscriptionGrace';
  data: { instanceId: string; graceEndsOn: CalendarDay; reason: string; extendedBy: string };
};
/** The tenant (or dunning, after suspension) ends the subscription; the instance is deleted after
 * the retention period. */
export type CancelSubscription = { type: 'CancelSubscription'; data: { instanceId: string; reason: string; cancelledBy: string } };

export type SubscriptionCommand =
  | StartSubscription | ChangeSubscriptionBilling | ChangeSubscriptionPlan | RecordInvoiceIssued | RecordInvoiceSettled
  | RecordPaymentReminder | MarkSubscriptionPastDue | SuspendSubscription | ExtendSubscriptionGrace | CancelSubscription;
