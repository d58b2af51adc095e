import { money } from '../../../src/domain/billing/money';
import type { SubscriptionCommand } from '../../../src/domain/billing/subscription/subscriptionCommands';
import { subscriptionDecider } from '../../../src/domain/billing/subscription/subscriptionDecider';
import type { SubscriptionEvent } from '../../../src/domain/billing/subscription/subscriptionEvents';
import { subscriptionStream } from '../../../src/domain/billing/subscription/subscriptionStream';
import { DomainError, NotFoundError } from '../../../src/domain/shared/decider';
import { deciderSpec } from '../../support/deciderSpec';

const spec = deciderSpec<ReturnType<typeof subscriptionDecider.initialState>, SubscriptionCommand, SubscriptionEvent>(subscriptionDecider);
const instanceId = '01900000-0000-7000-8000-0000000000a1';
const tenantId = '01900000-0000-7000-8000-0000000000b2';
const invoiceId = '01900000-0000-7000-8000-0000000000c1';
const secondInvoiceId = '01900000-0000-7000-8000-0000000000c2';
const starterPrice = money(1500, 'USD');
const businessPrice = money(3500, 'USD');
const may = { start: '2025-05-01', end: '2025-06-01', price: starterPrice };

const started: SubscriptionEvent = {
  type: 'SubscriptionStarted',
  data: { instanceId, tenantId, plan: 'starter', currency: 'USD', interval: 'monthly', startedOn: '2025-04-17', trialEndsOn: '2025-05-01' },
};
const invoiced = (id: string, dueOn: string, period: typeof may | null = may, total = money(1725, 'USD')): SubscriptionEvent =>
  ({ type: 'SubscriptionInvoiced', data: { instanceId, invoiceId: id, total, dueOn, period } });
const active: SubscriptionEvent[] = [started, invoiced(invoiceId, '2025-05-08'), { type: 'SubscriptionActivated', data: { instanceId, invoiceId } }];
const pastDue: SubscriptionEvent[] = [...active, { type: 'SubscriptionMarkedPastDue', data: { instanceId, invoiceId, graceEndsOn: '2025-05-15' } }];
const suspended: SubscriptionEvent[] = [...pastDue, { type: 'SubscriptionSuspended', data: { instanceId, suspendedOn: '2025-05-15', unpaidInvoiceIds: [invoiceId] } }];
const cancelled: SubscriptionEvent[] = [...active, { type: 'SubscriptionCancelled', data: { instanceId, reason: 'closing the shop', cancelledBy: 'user-1' } }];

const settle = (id = invoiceId, settlement: 'paid' | 'waived' | 'voided' = 'paid'): SubscriptionCommand => ({ type: 'RecordInvoiceSettled', data: { instanceId, invoiceId: id, settlement } });
const settled = (id = invoiceId, settlement: 'paid' | 'waived' | 'voided' = 'paid'): SubscriptionEvent => ({ type: 'SubscriptionInvoiceSettled', data: { instanceId, invoiceId: id, settlement } });

describe('Subscription decider', () => {
  it('names its stream after the instance it bills', () => {
    expect(subscriptionStream(instanceId)).toBe(`subscription-${instanceId}`);
  });

  describe('start', () => {
    it('starts a trial of the given length on provisioning', () => {
      spec.given([]).when({ type: 'StartSubscription', data: { instanceId, tenantId, plan: 'starter', currency: 'USD', interval: 'monthly', startedOn: '2025-04-17', trialDays: 14 } })
        .then([started]);
    });

    it('ignores a repeated start (a resumed provisioning saga)', () => {
      spec.given([started]).when({ type: 'StartSubscription', data: { instanceId, tenantId, plan: 'business', currency: 'ZWG', interval: 'annual', startedOn: '2025-04-18', trialDays: 0 } })
        .then([]);
    });

    it('answers 404 for any other command on an unknown subscription', () => {
      spec.given([]).when(settle()).thenThrows(NotFoundError);
    });
  });

  describe('billing choices', () => {
    it('lets the tenant pick currency and interval in the trial and while active', () => {
      const change: SubscriptionCommand = { type: 'ChangeSubscriptionBilling', data: { instanceId, currency: 'ZWG' } };
      const changed: SubscriptionEvent = {
        type: 'SubscriptionBillingChanged', data: { instanceId, currency: 'ZWG', interval: 'monthly', previousCurrency: 'USD', previousInterval: 'monthly' },
      };
      spec.given([started]).when(change).then([changed]);
      spec.given(active).when({ type: 'ChangeSubscriptionBilling', data: { instanceId, interval: 'annual' } })
        .then([{ type: 'SubscriptionBillingChanged', data: { instanceId, currency: 'USD', interval: 'annual', previousCurrency: 'USD', previousInterval: 'monthly' } }]);
      spec.given([started, changed]).when(change).then([]);
    });

    it('refuses a change while overdue or cancelled', () => {
      spec.given(pastDue).when({ type: 'ChangeSubscriptionBilling', data: { instanceId, currency: 'ZWG' } }).thenThrows(DomainError, /while it is past_due/);
      spec.given(cancelled).when({ type: 'ChangeSubscriptionBilling', data: { instanceId, currency: 'ZWG' } }).thenThrows(DomainError, /while it is cancelled/);
    });
  });

  describe('plan change', () => {
    const upgrade = (changedOn: string, price = businessPrice): SubscriptionCommand => ({ type: 'ChangeSubscriptionPlan', data: { instanceId, plan: 'business', price, changedOn } });

    it('prorates nothing in the trial', () => {
      spec.given([started]).when(upgrade('2025-04-20'))
        .then([{ type: 'SubscriptionPlanChanged', data: { instanceId, plan: 'business', previousPlan: 'starter', price: businessPrice, changedOn: '2025-04-20', proration: null } }]);
    });

    it('charges an upgrade and credits a downgrade for the rest of the invoiced period', () => {
      // 21 of 31 May days left: 2000 × 21/31 = 1354.8 → 1355
      const charge = { kind: 'charge' as const, amount: money(1355, 'USD'), remainingDays: 21, periodDays: 31 };
      const upgraded: SubscriptionEvent = { type: 'SubscriptionPlanChanged', data: { instanceId, plan: 'business', previousPlan: 'starter', price: businessPrice, changedOn: '2025-05-11', proration: charge } };
      spec.given(active).when(upgrade('2025-05-11')).then([upgraded]);
      // The period is now priced at the business plan: going back credits what the upgrade charged.
      spec.given([...active, upgraded]).when({ type: 'ChangeSubscriptionPlan', data: { instanceId, plan: 'starter', price: starterPrice, changedOn: '2025-05-11' } })
        .then([{ type: 'SubscriptionPlanChanged', data: { instanceId, plan: 'starter', previousPlan: 'business', price: starterPrice, changedOn: '2025-05-11', proration: { ...charge, kind: 'credit' } } }]);
    });

    it('ignores a change to the same plan and refuses a price in another currency or a cancelled subscription', () => {
      spec.given(active).when({ type: 'ChangeSubscriptionPlan', data: { instanceId, plan: 'starter', price: starterPrice, changedOn: '2025-05-11' } }).then([]);
      spec.given(active).when(upgrade('2025-05-11', money(95000, 'ZWG'))).thenThrows(DomainError, /must be in USD/);
      spec.given(cancelled).when(upgrade('2025-05-11')).thenThrows(DomainError, /cancelled/);
    });
  });

  describe('invoices', () => {
    it('ends the trial with the first period\'s invoice', () => {
      spec.given([started]).when({ type: 'RecordInvoiceIssued', data: { instanceId, invoiceId, total: money(1725, 'USD'), dueOn: '2025-05-08', period: may } })
        .then(active.slice(1));
    });

    it('records an extra charge without starting a period, and a repeated report once', () => {
      spec.given(active).when({ type: 'RecordInvoiceIssued', data: { instanceId, invoiceId: secondInvoiceId, total: money(1355, 'USD'), dueOn: '2025-05-18', period: null } })
        .then([invoiced(secondInvoiceId, '2025-05-18', null, money(1355, 'USD'))]);
      spec.given(active).when({ type: 'RecordInvoiceIssued', data: { instanceId, invoiceId, total: money(1725, 'USD'), dueOn: '2025-05-08', period: may } }).then([]);
    });

    it('settles an unpaid invoice once; an unknown or settled one is a no-op', () => {
      spec.given(active).when(settle()).then([settled()]);
      spec.given([...active, settled()]).when(settle()).then([]);
      spec.given(active).when(settle(secondInvoiceId)).then([]);
    });
  });

  describe('dunning', () => {
    const markPastDue = (id = invoiceId, graceEndsOn = '2025-05-15'): SubscriptionCommand => ({ type: 'MarkSubscriptionPastDue', data: { instanceId, invoiceId: id, graceEndsOn } });

    it('marks an active subscription past due for an unpaid invoice', () => {
      spec.given(active).when(markPastDue()).then([pastDue[pastDue.length - 1]!]);
    });

    it('ignores a past-due timer for an invoice paid meanwhile, and a repeated one', () => {
      spec.given([...active, settled()]).when(markPastDue()).then([]);
      spec.given(pastDue).when(markPastDue()).then([]);
      spec.given(cancelled).when(markPastDue()).then([]);
    });

    it('refuses a grace period ending before the due day', () => {
      spec.given(active).when(markPastDue(invoiceId, '2025-05-07')).thenThrows(DomainError, /before the invoice is due/);
    });

    it('keeps the first grace period when a second invoice becomes overdue', () => {
      const withSecond = [...pastDue, invoiced(secondInvoiceId, '2025-05-12', null)];
      spec.given(withSecond).when(markPastDue(secondInvoiceId, '2025-05-30'))
        .then([{ type: 'SubscriptionMarkedPastDue', data: { instanceId, invoiceId: secondInvoiceId, graceEndsOn: '2025-05-15' } }]);
    });

    it('becomes current when its overdue invoices are settled, not before', () => {
      spec.given(pastDue).when(settle(invoiceId, 'waived')).then([settled(invoiceId, 'waived'), { type: 'SubscriptionReactivated', data: { instanceId } }]);
      const twoOverdue = [...pastDue, invoiced(secondInvoiceId, '2025-05-12', null), { type: 'SubscriptionMarkedPastDue', data: { instanceId, invoiceId: secondInvoiceId, graceEndsOn: '2025-05-15' } }] as SubscriptionEvent[];
      spec.given(twoOverdue).when(settle()).then([settled()]);
      // An invoice not yet due does not hold it back.
      const nextPeriodOpen = [...pastDue, invoiced(secondInvoiceId, '2025-06-08')];
      spec.given(nextPeriodOpen).when(settle()).then([settled(), { type: 'SubscriptionReactivated', data: { instanceId } }]);
    });

    it('suspends once the grace period is over, not before, and only when past due', () => {
      spec.given(pastDue).when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-05-15' } }).then([suspended[suspended.length - 1]!]);
      spec.given(pastDue).when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-05-14' } }).then([]);
      spec.given(active).when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-05-20' } }).then([]);
      spec.given(suspended).when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-05-20' } }).then([]);
    });

    it('resumes a suspended subscription when it is paid', () => {
      spec.given(suspended).when(settle()).then([settled(), { type: 'SubscriptionResumed', data: { instanceId, reason: 'paid' } }]);
      spec.given([...suspended, settled(), { type: 'SubscriptionResumed', data: { instanceId, reason: 'paid' } }])
        .when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-06-01' } }).then([]);
    });
  });

  describe('grace extension (operator)', () => {
    const extend = (graceEndsOn: string): SubscriptionCommand => ({ type: 'ExtendSubscriptionGrace', data: { instanceId, graceEndsOn, reason: 'EcoCash outage', extendedBy: 'operator-1' } });
    const extended: SubscriptionEvent = {
      type: 'SubscriptionGraceExtended', data: { instanceId, graceEndsOn: '2025-05-25', previousGraceEndsOn: '2025-05-15', reason: 'EcoCash outage', extendedBy: 'operator-1' },
    };

    it('moves the grace end of a past-due subscription; the old suspension timer then does nothing', () => {
      spec.given(pastDue).when(extend('2025-05-25')).then([extended]);
      spec.given([...pastDue, extended]).when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-05-15' } }).then([]);
      spec.given([...pastDue, extended]).when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-05-25' } })
        .then([{ type: 'SubscriptionSuspended', data: { instanceId, suspendedOn: '2025-05-25', unpaidInvoiceIds: [invoiceId] } }]);
    });

    it('resumes a suspended subscription (still past due) until the new grace end', () => {
      const resumed: SubscriptionEvent = { type: 'SubscriptionResumed', data: { instanceId, reason: 'grace-extended' } };
      spec.given(suspended).when(extend('2025-05-25')).then([extended, resumed]);
      spec.given([...suspended, extended, resumed]).when({ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2025-05-25' } })
        .then([{ type: 'SubscriptionSuspended', data: { instanceId, suspendedOn: '2025-05-25', unpaidInvoiceIds: [invoiceId] } }]);
    });

    it('refuses an extension that is not later, or when nothing is overdue', () => {
      spec.given(pastDue).when(extend('2025-05-15')).thenThrows(DomainError, /must end later/);
      spec.given(active).when(extend('2025-05-25')).thenThrows(DomainError, /no grace period/);
    });
  });

  describe('cancellation', () => {
    it('cancels from any status once', () => {
      const cancel: SubscriptionCommand = { type: 'CancelSubscription', data: { instanceId, reason: 'closing the shop', cancelledBy: 'user-1' } };
      spec.given([started]).when(cancel).then([cancelled[cancelled.length - 1]!]);
      spec.given(suspended).when(cancel).then([cancelled[cancelled.length - 1]!]);
      spec.given(cancelled).when(cancel).then([]);
    });
  });

  describe('payment reminders', () => {
    const remind = (reminder: 'beforeDue' | 'due' | 'overdue', id = invoiceId): SubscriptionCommand => ({ type: 'RecordPaymentReminder', data: { instanceId, invoiceId: id, reminder } });
    const reminded = (reminder: 'beforeDue' | 'due' | 'overdue', graceEndsOn: string | null = null): SubscriptionEvent =>
      ({ type: 'SubscriptionPaymentReminded', data: { instanceId, tenantId, invoiceId, reminder, dueOn: '2025-05-08', graceEndsOn } });

    it('reminds of an unpaid invoice once per kind', () => {
      spec.given(active).when(remind('beforeDue')).then([reminded('beforeDue')]);
      spec.given([...active, reminded('beforeDue')]).when(remind('beforeDue')).then([]);
      spec.given([...active, reminded('beforeDue')]).when(remind('due')).then([reminded('due')]);
    });

    it('tells a past-due tenant when the grace period ends', () => {
      spec.given(pastDue).when(remind('overdue')).then([reminded('overdue', '2025-05-15')]);
    });

    it('says nothing of a settled invoice, an unknown one, or on a cancelled subscription', () => {
      spec.given([...active, settled()]).when(remind('due')).then([]);
      spec.given(active).when(remind('due', secondInvoiceId)).then([]);
      spec.given(cancelled).when(remind('due')).then([]);
    });
  });
});
