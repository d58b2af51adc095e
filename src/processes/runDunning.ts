import type { HandleCommand } from '../commands/handleCommand';
import { addDays, daysBetween, type CalendarDay } from '../domain/billing/calendarDays';
import type { PaymentReminder } from '../domain/billing/subscription/subscriptionCommands';
import type { DunningCandidate, DunningInvoice } from '../projections/billing/queryDunning';

export interface DunningSettings {
  /** Days after an invoice's due day until its subscription is suspended (DUNNING_GRACE_DAYS). */
  graceDays: number;
  /** Days a subscription stays suspended before dunning cancels it (DUNNING_CANCEL_AFTER_DAYS). */
  cancelAfterDays: number;
  /** Days a cancelled subscription's instance is kept, stopped, before it is deleted with its final
   * backup (BILLING_RETENTION_DAYS). */
  retentionDays: number;
}

export interface DunningDeps extends DunningSettings {
  handleCommand: HandleCommand;
  candidates(dueBy: CalendarDay): Promise<DunningCandidate[]>;
  now(): Date;
  /** A subscription whose command failed; the tick goes on (it is tried again next tick). */
  onError?(candidate: DunningCandidate, error: unknown): void;
}

export interface DunningTickOutcome {
  commands: number;
  failed: number;
}

const actor = 'system:dunning';
const msPerDay = 86_400_000;
const remindBeforeDays = 3;
const remindAfterDays = 3;

/** The reminder an invoice is due for today (T-3, T, T+3); only the latest one after downtime. */
export function reminderFor(dueOn: CalendarDay, today: CalendarDay): PaymentReminder | null {
  const late = daysBetween(dueOn, today);
  if (late >= remindAfterDays) return 'overdue';
  if (late >= 0) return 'due';
  if (late >= -remindBeforeDays) return 'beforeDue';
  return null;
}

/**
 * One dunning tick (docs/decisions/052). Its timers are days in the event store (due days, the grace
 * end, the suspension day) and the cancellation's recorded time, compared with the injected clock
 * each tick, so they survive any restart and tests move time by moving the clock. Every command's
 * id is a function of its subject and the day and every decision is the subscription's own, so
 * ticks of several workers, or repeated ticks, append each fact once.
 */
export async function runDunning(deps: DunningDeps): Promise<DunningTickOutcome> {
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  let commands = 0;
  let failed = 0;
  for (const candidate of await deps.candidates(addDays(today, remindBeforeDays))) {
    const send = async (purpose: string, type: string, data: object) => {
      await deps.handleCommand({
        type, data,
        metadata: { commandId: `dunning:${purpose}:${today}`, actor, correlationId: `dunning:${candidate.instanceId}`, tenantId: candidate.tenantId },
      });
      commands += 1;
    };
    try {
      for (const invoice of candidate.invoices) await remind(candidate, invoice, today, deps, send);
      await escalate(candidate, now, today, deps, send);
    } catch (error) {
      failed += 1;
      if (!deps.onError) throw error;
      deps.onError(candidate, error);
    }
  }
  return { commands, failed };
}

type Send = (purpose: string, type: string, data: object) => Promise<void>;

async function remind(candidate: DunningCandidate, invoice: DunningInvoice, today: CalendarDay, deps: DunningSettings, send: Send) {
  const { instanceId, state } = candidate;
  if (state === 'cancelled') return;
  // Past due first, so the overdue reminder can name the day of suspension.
  if (daysBetween(invoice.dueOn, today) >= 1 && !invoice.overdue && ['active', 'past_due', 'suspended'].includes(state)) {
    await send(`past-due:${invoice.invoiceId}`, 'MarkSubscriptionPastDue', { instanceId, invoiceId: invoice.invoiceId, graceEndsOn: addDays(invoice.dueOn, deps.graceDays) });
  }
  const reminder = reminderFor(invoice.dueOn, today);
  if (reminder && !invoice.reminders.includes(reminder)) {
    await send(`remind-${reminder}:${invoice.invoiceId}`, 'RecordPaymentReminder', { instanceId, invoiceId: invoice.invoiceId, reminder });
  }
}

async function escalate(candidate: DunningCandidate, now: Date, today: CalendarDay, deps: DunningSettings, send: Send) {
  const { instanceId, state, graceEndsOn, suspendedOn, cancelledAt } = candidate;
  if (state === 'past_due' && graceEndsOn && daysBetween(graceEndsOn, today) >= 0) {
    await send(`suspend:${instanceId}`, 'SuspendSubscription', { instanceId, suspendedOn: today });
  } else if (state === 'suspended' && suspendedOn && daysBetween(suspendedOn, today) >= deps.cancelAfterDays) {
    await send(`cancel:${instanceId}`, 'CancelSubscription', { instanceId, reason: `unpaid: suspended since ${suspendedOn}` });
  } else if (state === 'cancelled' && cancelledAt && !candidate.instanceDeletionRequested && now.getTime() - cancelledAt.getTime() >= deps.retentionDays * msPerDay) {
    // The delete saga takes the final backup before it destroys anything (docs/decisions/021); no
    // second grace period: the retention period was it.
    await send(`delete:${instanceId}`, 'DeleteInstance', { instanceId, gracePeriodSeconds: 0, reason: 'subscription cancelled and its retention period is over' });
  }
}
