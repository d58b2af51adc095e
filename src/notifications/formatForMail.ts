const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Dates in mails: one unambiguous zone (UTC) until users have a time zone setting. */
export function formatMailDate(value: Date | string): string {
  return `${dateFormat.format(new Date(value))} UTC`;
}

/** 604800 → `7 days`, 7200 → `2 hours`, 90 → `2 minutes` (rounded, never `0`). */
export function formatDuration(seconds: number): string {
  const units: Array<[number, string]> = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute']];
  for (const [size, name] of units) {
    if (seconds >= size) {
      const count = Math.round(seconds / size);
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return '1 minute';
}
