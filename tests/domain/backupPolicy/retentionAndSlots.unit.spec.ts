import { backupScheduleSlots } from '../../../src/domain/backupPolicy/backupScheduleSlots';
import { selectRetainedBackups } from '../../../src/domain/backupPolicy/selectRetainedBackups';

const day = 86_400_000;

describe('GFS retention over 400 days of synthetic history', () => {
  // A nightly backup at 02:00 UTC from 2024-01-01 to 2025-02-03 (a Monday; 2024 is a leap year: 400
  // days), plus a manual one at 14:00 on the last day and on 2024-06-30.
  const nightly = Array.from({ length: 400 }, (_, i) => {
    const at = new Date(Date.UTC(2024, 0, 1, 2) + i * day);
    return { backupId: `n-${at.toISOString().slice(0, 10)}`, completedAt: at };
  });
  const manual = [
    { backupId: 'm-2025-02-03', completedAt: new Date('2025-02-03T14:00:00Z') },
    { backupId: 'm-2024-06-30', completedAt: new Date('2024-06-30T14:00:00Z') },
  ];

  it('keeps exactly the newest of the last 7 days, 4 ISO weeks and 12 months', () => {
    expect(nightly[399]!.backupId).toBe('n-2025-02-03');
    const kept = selectRetainedBackups([...nightly, ...manual], { daily: 7, weekly: 4, monthly: 12 });
    expect([...kept].sort()).toEqual([
      // daily: 01-28 … 02-03 (the manual backup is that day's newest)
      'm-2025-02-03', 'n-2025-01-28', 'n-2025-01-29', 'n-2025-01-30', 'n-2025-01-31', 'n-2025-02-01', 'n-2025-02-02',
      // weekly: the Sundays of the two weeks before (the last two weeks are covered by daily)
      'n-2025-01-19', 'n-2025-01-26',
      // monthly: the last day of each month back to March 2024 (January 2025 = 01-31, daily)
      'm-2024-06-30', 'n-2024-03-31', 'n-2024-04-30', 'n-2024-05-31', 'n-2024-07-31', 'n-2024-08-31',
      'n-2024-09-30', 'n-2024-10-31', 'n-2024-11-30', 'n-2024-12-31',
    ].sort());
  });

  it('is independent of input order and keeps everything when the policy is larger than the history', () => {
    const shuffled = [...nightly].reverse();
    expect(selectRetainedBackups(shuffled, { daily: 7, weekly: 4, monthly: 12 })).toEqual(selectRetainedBackups(nightly, { daily: 7, weekly: 4, monthly: 12 }));
    expect(selectRetainedBackups(nightly.slice(0, 5), { daily: 30, weekly: 0, monthly: 0 }).size).toBe(5);
    expect(selectRetainedBackups([], { daily: 7, weekly: 4, monthly: 12 }).size).toBe(0);
  });
});

describe('backup schedule slots', () => {
  const schedule = { instanceId: 'i', tenantId: 't', hour: 3, timeZone: 'Europe/Warsaw' };

  it('is the tenant\'s hour in its time zone, across a daylight-saving change', () => {
    const slots = backupScheduleSlots(schedule, new Date('2025-03-28T12:00:00Z'), new Date('2025-04-01T12:00:00Z'), 10);
    expect(slots.map((d) => d.toISOString())).toEqual([
      '2025-03-29T02:00:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-31T01:00:00.000Z', '2025-04-01T01:00:00.000Z',
    ]);
  });

  it('catches up only the newest missed slot by default, and none before it is due', () => {
    expect(backupScheduleSlots(schedule, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-10T12:00:00Z')).map((d) => d.toISOString()))
      .toEqual(['2025-01-10T02:00:00.000Z']);
    expect(backupScheduleSlots(schedule, new Date('2025-01-10T02:00:00Z'), new Date('2025-01-11T01:59:59Z'))).toEqual([]);
  });
});
