import type { InstancePlanName } from '../../instance/instancePlans';
import type { BillingInterval, BillingPeriod } from '../billingPeriod';
import type { CalendarDay } from '../calendarDays';
import type { Currency, Money } from '../money';

interface SubscriptionTerms {
  instanceId: string;
  tenantId: string;
  plan: InstancePlanName;
  /** What the next period is billed in; the current period keeps the price it was invoiced at. */
  currency: Currency;
  interval: BillingInterval;
  /** The period last invoiced and its price (what a plan change prorates against); null in the trial. */
  period: (BillingPeriod & { price: Money }) | null;
  /** Issued and not yet settled: invoice id → due day. */
  unpaidInvoices: Readonly<Record<string, CalendarDay>>;
  /** The unpaid invoices dunning marked past due: settling all of them makes the subscription current. */
  overdueInvoiceIds: readonly string[];
  /** Reminders already given, `<invoiceId>:<reminder>`: each is given once. */
  remindersGiven: readonly string[];
}

export type SubscriptionState =
  | { status: 'absent' }
  | (SubscriptionTerms & { status: 'trialing'; trialEndsOn: CalendarDay })
  | (SubscriptionTerms & { status: 'active' })
  | (SubscriptionTerms & { status: 'past_due'; graceEndsOn: CalendarDay })
  | (SubscriptionTerms & { status: 'suspended'; graceEndsOn: CalendarDay })
  | (SubscriptionTerms & { status: 'cancelled' });

export type ExistingSubscription = Exclude<SubscriptionState, { status: 'absent' }>;
export type SubscriptionStatus = ExistingSubscription['status'];

export function initialState(): SubscriptionState {
  return { status: 'absent' };
}
