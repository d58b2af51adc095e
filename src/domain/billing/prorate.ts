import type { BillingPeriod } from './billingPeriod';
import { daysBetween, type CalendarDay } from './calendarDays';
import { money, multiplyMoneyByRatio, subtractMoney, type Money } from './money';

/** What a plan change in the middle of a paid period costs: an upgrade is charged the difference
 * for the remaining days, a downgrade credited it. `amount` is never negative; `kind` says which. */
export interface Proration {
  kind: 'charge' | 'credit';
  amount: Money;
  remainingDays: number;
  periodDays: number;
}

/** (next − previous) × remainingDays / periodDays, rounded half away from zero once (on the
 * difference, so an upgrade and the downgrade back cancel out). The change day counts as a day of
 * the new plan. null when nothing is owed either way (same price, change at or after the period's end). */
export function prorate(input: { period: BillingPeriod; previousPrice: Money; nextPrice: Money; changedOn: CalendarDay }): Proration | null {
  const { period, previousPrice, nextPrice, changedOn } = input;
  const periodDays = daysBetween(period.start, period.end);
  if (periodDays <= 0) throw new RangeError(`The period ${period.start}..${period.end} has no days`);
  const remainingDays = Math.min(periodDays, Math.max(0, daysBetween(changedOn, period.end)));
  const difference = multiplyMoneyByRatio(subtractMoney(nextPrice, previousPrice), remainingDays, periodDays, 'halfAwayFromZero');
  if (difference.amountMinor === 0) return null;
  return {
    kind: difference.amountMinor > 0 ? 'charge' : 'credit',
    amount: money(Math.abs(difference.amountMinor), difference.currency),
    remainingDays,
    periodDays,
  };
}
