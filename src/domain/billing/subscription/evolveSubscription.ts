import type { SubscriptionEvent } from './subscriptionEvents';
import type { SubscriptionState } from './subscriptionState';

export function evolveSubscription(state: SubscriptionState, event: SubscriptionEvent): SubscriptionState {
  if (event.type === 'SubscriptionStarted') {
    const { startedOn: _startedOn, ...terms } = event.data;
    return { ...terms, status: 'trialing', period: null, unpaidInvoices: {}, overdueInvoiceIds: [], remindersGiven: [] };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'SubscriptionBillingChanged':
      return { ...state, currency: event.data.currency, interval: event.data.interval };
    case 'SubscriptionPlanChanged':
      return { ...state, plan: event.data.plan, period: state.period && { ...state.period, price: event.data.price } };
    case 'SubscriptionInvoiced':
      return { ...state, period: event.data.period ?? state.period, unpaidInvoices: { ...state.unpaidInvoices, [event.data.invoiceId]: event.data.dueOn } };
    case 'SubscriptionActivated':
    case 'SubscriptionReactivated':
      return { ...withoutStatusFields(state), status: 'active' };
    case 'SubscriptionInvoiceSettled': {
      const { [event.data.invoiceId]: _settled, ...unpaidInvoices } = state.unpaidInvoices;
      return { ...state, unpaidInvoices, overdueInvoiceIds: state.overdueInvoiceIds.filter((id) => id !== event.data.invoiceId) };
    }
    case 'SubscriptionMarkedPastDue': {
      const overdueInvoiceIds = [...state.overdueInvoiceIds, event.data.invoiceId];
      if (state.status === 'suspended') return { ...state, overdueInvoiceIds };
      return { ...withoutStatusFields(state), overdueInvoiceIds, status: 'past_due', graceEndsOn: event.data.graceEndsOn };
    }
    case 'SubscriptionSuspended':
      return state.status === 'past_due' ? { ...state, status: 'suspended' } : state;
    case 'SubscriptionGraceExtended':
      return state.status === 'past_due' || state.status === 'suspended' ? { ...state, graceEndsOn: event.data.graceEndsOn } : state;
    case 'SubscriptionResumed':
      // Paid: nothing is owed any more. Grace extended: still owed, the instance runs meanwhile.
      if (event.data.reason === 'paid') return { ...withoutStatusFields(state), status: 'active' };
      return state.status === 'suspended' ? { ...state, status: 'past_due' } : state;
    case 'SubscriptionCancelled':
      return { ...withoutStatusFields(state), status: 'cancelled' };
    case 'SubscriptionPaymentReminded':
      return { ...state, remindersGiven: [...state.remindersGiven, reminderKey(event.data.invoiceId, event.data.reminder)] };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** The terms every status shares, without the fields of the status being left. */
function withoutStatusFields(state: Exclude<SubscriptionState, { status: 'absent' }>) {
  const { instanceId, tenantId, plan, currency, interval, period, unpaidInvoices, overdueInvoiceIds, remindersGiven } = state;
  return { instanceId, tenantId, plan, currency, interval, period, unpaidInvoices, overdueInvoiceIds, remindersGiven };
}

export function reminderKey(invoiceId: string, reminder: string): string {
  return `${invoiceId}:${reminder}`;
}
