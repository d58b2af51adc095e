/** Grandfather-father-son retention: the newest backup of each of the last `daily` days, `weekly`
 * ISO weeks (Monday first) and `monthly` months that have a backup, all in UTC. */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export interface RetentionCandidate {
  backupId: string;
  completedAt: Date;
}

/** Pure: which completed backups to keep; every other one may be pruned. */
export function selectRetainedBackups(backups: readonly RetentionCandidate[], policy: RetentionPolicy): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.completedAt.getTime() - a.completedAt.getTime() || b.backupId.localeCompare(a.backupId));
  const keep = new Set<string>();
  const take = (bucketOf: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const bucket = bucketOf(backup.completedAt);
      if (seen.has(bucket)) continue;
      seen.add(bucket); // the first seen is the bucket's newest
      keep.add(backup.backupId);
    }
  };
  take((d) => d.toISOString().slice(0, 10), policy.daily);
  take(isoWeek, policy.weekly);
  take((d) => d.toISOString().slice(0, 7), policy.monthly);
  return keep;
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday = 0
  day.setUTCDate(day.getUTCDate() - weekday + 3); // the week's Thursday names its ISO year
  const firstThursday = new Date(Date.UTC(day.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((day.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
