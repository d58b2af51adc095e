import { Cron } from 'croner';

/** A tenant's daily backup time for one instance. */
export interface BackupSchedule {
  instanceId: string;
  tenantId: string;
  /** 0–23 in `timeZone`. */
  hour: number;
  /** IANA name, e.g. Europe/Warsaw (croner handles daylight-saving shifts). */
  timeZone: string;
  /** No slot at or before this time is due: the instance did not exist yet, or the tenant chose
   * another hour then (a new policy is not a reason to catch up the old one's slots). */
  since?: Date;
}

/** The schedule's slots in (after, until], oldest first, at most `max` (the newest ones): after a
 * long downtime one catch-up backup is worth having, a burst of identical ones is not. */
export function backupScheduleSlots(schedule: BackupSchedule, after: Date, until: Date, max = 1): Date[] {
  const cron = new Cron(`0 0 ${schedule.hour} * * *`, { timezone: schedule.timeZone, paused: true });
  const slots: Date[] = [];
  let cursor = cron.nextRun(after);
  while (cursor && cursor.getTime() <= until.getTime()) {
    slots.push(cursor);
    cursor = cron.nextRun(cursor);
  }
  cron.stop();
  return slots.slice(-max);
}
