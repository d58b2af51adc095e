export type InstanceUsageLevel = 'ok' | 'nearQuota' | 'overQuota';

/** 80 % of the quota warns the owner; past 100 % the instance is over quota (visible, mailed, and
 * still backed up: nothing is stopped for it). */
export function usageLevel(usedBytes: number, quotaBytes: number): InstanceUsageLevel {
  if (usedBytes > quotaBytes) return 'overQuota';
  if (usedBytes >= quotaBytes * 0.8) return 'nearQuota';
  return 'ok';
}
