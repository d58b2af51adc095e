/** A calendar day, `YYYY-MM-DD`. Billing counts whole days (periods, trials, grace, proration);
 * the days come from the caller, never from the clock, so every rule is a pure function. */
export type CalendarDay = string;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/** Days since 1970-01-01 (UTC arithmetic on a date without a time: no time zone, no DST). */
export function dayNumber(day: CalendarDay): number {
  const match = dayPattern.exec(day);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`${day} is not a calendar day (YYYY-MM-DD)`);
  return ms / msPerDay;
}

export function isCalendarDay(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  return new Date((dayNumber(day) + days) * msPerDay).toISOString().slice(0, 10);
}

/** `to − from` in days (negative when `to` comes first). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return dayNumber(to) - dayNumber(from);
}

/** The same day of the month `months` later, or that month's last day when it is shorter
 * (31 January + 1 month = 28 or 29 February). */
export function addMonths(day: CalendarDay, months: number): CalendarDay {
  dayNumber(day);
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const target = (year * 12 + (month - 1)) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(dayOfMonth, lastDay))).toISOString().slice(0, 10);
}
