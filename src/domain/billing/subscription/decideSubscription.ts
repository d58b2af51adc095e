import { DomainError, NotFoundError } from '../../shared/decider';
import { addDays, daysBetween } from '../calendarDays';
import { prorate } from '../prorate';
import type { SubscriptionCommand } from './subscriptionCommands';
import { reminderKey } from './evolveSubscription';
import type { SubscriptionEvent } from './subscriptionEvents';
import type { ExistingSubscription, SubscriptionState, SubscriptionStatus } from './subscriptionState';

// Reports from the billing and dunning processes (RecordInvoice*, MarkSubscriptionPastDue,
// SuspendSubscription, StartSubscription) are no-ops when repeated or overtaken (an invoice paid
// before its past-due timer fired), never errors: a resumed saga may safely send them again.
export function decideSubscription(command: SubscriptionCommand, state: SubscriptionState): SubscriptionEvent[] {
  const { instanceId } = command.data;
  if (command.type === 'StartSubscription') {
    if (state.status !== 'absent') return [];
    const { trialDays, ...terms } = command.data;
    return [{ type: 'SubscriptionStarted', data: { ...terms, trialEndsOn: addDays(terms.startedOn, trialDays) } }];
  }
  if (state.status === 'absent') throw new NotFoundError('Subscription', instanceId);

  switch (command.type) {
    case 'ChangeSubscriptionBilling': {
      assertStatus(state, ['trialing', 'active'], 'change the billing of');
      const currency = command.data.currency ?? state.currency;
      const interval = command.data.interval ?? state.interval;
      if (currency === state.currency && interval === state.interval) return [];
      return [{ type: 'SubscriptionBillingChanged', data: { instanceId, currency, interval, previousCurrency: state.currency, previousInterval: state.interval } }];
    }
    case 'ChangeSubscriptionPlan': {
      assertStatus(state, ['trialing', 'active', 'past_due', 'suspended'], 'change the plan of');
      const { plan, price, changedOn } = command.data;
      if (plan === state.plan) return [];
      const billedIn = state.period?.price.currency ?? state.currency;
      if (price.currency !== billedIn) throw new DomainError('currency-mismatch', `The new plan's price must be in ${billedIn}, the currency of the current period`);
      const proration = state.status === 'trialing' || !state.period ? null : prorate({ period: state.period, previousPrice: state.period.price, nextPrice: price, changedOn });
      return [{ type: 'SubscriptionPlanChanged', data: { instanceId, plan, previousPlan: state.plan, price, changedOn, proration } }];
    }
    case 'RecordInvoiceIssued': {
      const { invoiceId, total, dueOn, period } = command.data;
      if (Object.hasOwn(state.unpaidInvoices, invoiceId)) return [];
      const invoiced: SubscriptionEvent = { type: 'SubscriptionInvoiced', data: { instanceId, invoiceId, total, dueOn, period } };
      return state.status === 'trialing' && period ? [invoiced, { type: 'SubscriptionActivated', data: { instanceId, invoiceId } }] : [invoiced];
    }
    case 'RecordInvoiceSettled': {
      const { invoiceId, settlement } = command.data;
      if (!Object.hasOwn(state.unpaidInvoices, invoiceId)) return [];
      const settled: SubscriptionEvent = { type: 'SubscriptionInvoiceSettled', data: { instanceId, invoiceId, settlement } };
      // Only overdue invoices hold a subscription back; one not yet due does not.
      if (state.overdueInvoiceIds.some((id) => id !== invoiceId)) return [settled];
      if (state.status === 'past_due') return [settled, { type: 'SubscriptionReactivated', data: { instanceId } }];
      if (state.status === 'suspended') return [settled, { type: 'SubscriptionResumed', data: { instanceId, reason: 'paid' } }];
      return [settled];
    }
    case 'RecordPaymentReminder': {
      const { invoiceId, reminder } = command.data;
      // Paid, waived or voided meanwhile, or reminded already: nothing to say.
      if (!Object.hasOwn(state.unpaidInvoices, invoiceId) || state.remindersGiven.includes(reminderKey(invoiceId, reminder)) || state.status === 'cancelled') return [];
      const graceEndsOn = state.status === 'past_due' || state.status === 'suspended' ? state.graceEndsOn : null;
      return [{ type: 'SubscriptionPaymentReminded', data: { instanceId, tenantId: state.tenantId, invoiceId, reminder, dueOn: state.unpaidInvoices[invoiceId]!, graceEndsOn } }];
    }
    case 'MarkSubscriptionPastDue': {
      const { invoiceId } = command.data;
      const overdueAlready = state.status === 'past_due' || state.status === 'suspended';
      if ((state.status !== 'active' && !overdueAlready) || !Object.hasOwn(state.unpaidInvoices, invoiceId) || state.overdueInvoiceIds.includes(invoiceId)) return [];
      // A second overdue invoice does not move the grace period the first one started.
      const graceEndsOn = overdueAlready ? state.graceEndsOn : command.data.graceEndsOn;
      const dueOn = state.unpaidInvoices[invoiceId]!;
      if (!overdueAlready && daysBetween(dueOn, graceEndsOn) < 0) throw new DomainError('grace-before-due', `The grace period cannot end (${graceEndsOn}) before the invoice is due (${dueOn})`);
      return [{ type: 'SubscriptionMarkedPastDue', data: { instanceId, invoiceId, graceEndsOn } }];
    }
    case 'SuspendSubscription': {
      const { suspendedOn } = command.data;
      // A timer set for a grace period an operator has since extended must not suspend.
      if (state.status !== 'past_due' || daysBetween(state.graceEndsOn, suspendedOn) < 0) return [];
      return [{ type: 'SubscriptionSuspended', data: { instanceId, suspendedOn, unpaidInvoiceIds: Object.keys(state.unpaidInvoices) } }];
    }
    case 'ExtendSubscriptionGrace': {
      if (state.status !== 'past_due' && state.status !== 'suspended') {
        throw new DomainError('not-overdue', `Subscription ${instanceId} is ${state.status}: there is no grace period to extend`);
      }
      const { graceEndsOn, reason, extendedBy } = command.data;
      if (daysBetween(state.graceEndsOn, graceEndsOn) <= 0) {
        throw new DomainError('grace-not-later', `The grace period already ends on ${state.graceEndsOn}; an extension must end later`);
      }
      const extended: SubscriptionEvent = { type: 'SubscriptionGraceExtended', data: { instanceId, graceEndsOn, previousGraceEndsOn: state.graceEndsOn, reason, extendedBy } };
      return state.status === 'suspended' ? [extended, { type: 'SubscriptionResumed', data: { instanceId, reason: 'grace-extended' } }] : [extended];
    }
    case 'CancelSubscription':
      if (state.status === 'cancelled') return [];
      return [{ type: 'SubscriptionCancelled', data: { instanceId, reason: command.data.reason, cancelledBy: command.data.cancelledBy } }];
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

function assertStatus(state: ExistingSubscription, allowed: SubscriptionStatus[], action: string): void {
  if (!allowed.includes(state.status)) {
    throw new DomainError(state.status === 'cancelled' ? 'subscription-cancelled' : 'invalid-transition', `Cannot ${action} subscription ${state.instanceId} while it is ${state.status}`);
  }
}
