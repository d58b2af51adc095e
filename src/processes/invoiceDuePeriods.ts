import { v5 } from 'uuid';
import { aggregateStream } from '../commands/aggregateStream';
import { loadInvoice } from '../commands/billingCommandHandlers';
import type { HandleCommand } from '../commands/handleCommand';
import { issueInvoice } from '../commands/issueInvoice';
import { billingPeriod, type BillingInterval, type BillingPeriod } from '../domain/billing/billingPeriod';
import { addDays, daysBetween, type CalendarDay } from '../domain/billing/calendarDays';
import type { Currency } from '../domain/billing/money';
import { subscriptionDecider } from '../domain/billing/subscription/subscriptionDecider';
import { subscriptionStream } from '../domain/billing/subscription/subscriptionStream';
import { planPrice, type PriceCatalogue } from '../domain/billing/priceCatalogue';
import type { InstancePlanName } from '../domain/instance/instancePlans';
import type { EventStore } from '../ports/eventStore';
import type { SubscriptionDue } from '../projections/billing/querySubscriptions';

export interface BillingCycleDeps {
  handleCommand: HandleCommand;
  store: Pick<EventStore, 'readStream'>;
  prices: PriceCatalogue;
  /** VAT on every period invoice, in basis points (BILLING_TAX_BASIS_POINTS). */
  taxBasisPoints: number;
  /** Days from a period's start to its invoice's due day (BILLING_PAYMENT_TERM_DAYS). */
  paymentTermDays: number;
  due(day: CalendarDay): Promise<SubscriptionDue[]>;
}

// Fixed namespace: a period's invoice is named after the instance and the period's first day.
const periodInvoiceNamespace = '3c8b1f5e-6d2a-4e97-b0c4-8a1e5f9d2c73';
const actor = 'system:billing-cycle';

/** The period starting on `start`: counted from the trial's end like every period (decision 048),
 * or, when the interval changed so that none starts there, one interval from `start`. */
export function periodStartingOn(anchor: CalendarDay, interval: BillingInterval, start: CalendarDay): BillingPeriod {
  const guess = Math.max(0, Math.floor(daysBetween(anchor, start) / (interval === 'monthly' ? 28 : 365)));
  for (let index = Math.max(0, guess - 2); index <= guess + 2; index += 1) {
    const period = billingPeriod(anchor, interval, index);
    if (period.start === start) return period;
  }
  return billingPeriod(start, interval, 0);
}

/**
 * The billing cycle's tick (issue 15 items 1–2): each subscription whose next period has begun gets
 * that period's invoice, drafted at the catalogue's price, numbered, issued and recorded on the
 * subscription (which ends a trial). The invoice id is a function of the instance and the period,
 * and each step is idempotent, so a tick that dies half-way is finished by the next one.
 */
export async function invoiceDuePeriods(deps: BillingCycleDeps, today: CalendarDay, onError?: (due: SubscriptionDue, error: unknown) => void): Promise<number> {
  let invoiced = 0;
  for (const due of await deps.due(today)) {
    try {
      // The read model can lag a cancellation (an instance deleted a moment ago): the subscription's
      // own stream decides, before an invoice number is spent on it.
      const subscription = await aggregateStream(deps.store, subscriptionDecider, subscriptionStream(due.instanceId));
      if (subscription.status === 'absent' || subscription.status === 'cancelled') continue;
      const interval = due.interval as BillingInterval;
      const currency = due.currency as Currency;
      const period = periodStartingOn(due.trialEndsOn, interval, due.nextInvoiceOn);
      const price = planPrice(deps.prices, due.plan as InstancePlanName, currency, interval);
      const invoiceId = v5(`${due.instanceId}/${period.start}`, periodInvoiceNamespace);
      const metadata = (step: string) => ({
        commandId: `billing-cycle:${due.instanceId}:${period.start}:${step}`, actor, correlationId: `billing-cycle:${due.instanceId}`, tenantId: due.tenantId,
      });
      const dueOn = addDays(period.start, deps.paymentTermDays);
      const existing = await loadInvoice(deps.store, invoiceId);
      if (existing.status === 'absent') {
        await deps.handleCommand({
          type: 'DraftInvoice',
          data: {
            invoiceId, tenantId: due.tenantId, instanceId: due.instanceId, currency, dueOn,
            lines: [{ description: `${due.plan} plan, ${interval}, ${period.start} to ${addDays(period.end, -1)}`, quantity: 1, unitAmountMinor: price.amountMinor }],
            tax: { name: 'VAT', rateBasisPoints: deps.taxBasisPoints },
          },
          metadata: metadata('draft'),
        });
      }
      if (existing.status === 'absent' || existing.status === 'draft') {
        await issueInvoice({ handleCommand: deps.handleCommand, store: deps.store }, { invoiceId, issuedOn: today }, metadata(`issue:${today}`));
      }
      const invoice = await loadInvoice(deps.store, invoiceId);
      if (invoice.status === 'absent') throw new Error(`invoice ${invoiceId} vanished`);
      await deps.handleCommand({
        type: 'RecordInvoiceIssued',
        data: { instanceId: due.instanceId, invoiceId, total: { amountMinor: invoice.totalMinor, currency }, dueOn, period: { ...period, price } },
        metadata: metadata('record'),
      });
      invoiced += 1;
    } catch (error) {
      if (!onError) throw error;
      onError(due, error);
    }
  }
  return invoiced;
}
