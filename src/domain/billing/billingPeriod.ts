import { addMonths, type CalendarDay } from './calendarDays';

export const billingIntervals = ['monthly', 'annual'] as const;
export type BillingInterval = (typeof billingIntervals)[number];

/** A paid stretch of time: from `start` up to, not including, `end` (the next period's start). */
export interface BillingPeriod {
  start: CalendarDay;
  end: CalendarDay;
}

/** The `index`-th period (0 = the first) of a subscription billed from `anchor`. Counted from the
 * anchor each time, not from the previous period, so a subscription started on the 31st is billed
 * on the 28th in February and on the 31st again in March. */
export function billingPeriod(anchor: CalendarDay, interval: BillingInterval, index: number): BillingPeriod {
  const months = interval === 'monthly' ? 1 : 12;
  return { start: addMonths(anchor, index * months), end: addMonths(anchor, (index + 1) * months) };
}
