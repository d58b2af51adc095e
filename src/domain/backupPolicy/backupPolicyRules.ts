import type { RetentionPolicy } from './selectRetainedBackups';

/** What a tenant chooses for one instance's backups (null retention = the plan's defaults). */
export interface BackupPolicySettings {
  enabled: boolean;
  /** 0–23 in `timeZone`. */
  hour: number;
  /** IANA name, e.g. Africa/Harare. */
  timeZone: string;
  retention: RetentionPolicy | null;
}

/** Upper bounds keep a typo from turning retention into "forever" (ten years of monthlies at most). */
export const retentionLimits: Readonly<Record<keyof RetentionPolicy, { min: number; max: number }>> = {
  daily: { min: 1, max: 366 },
  weekly: { min: 0, max: 520 },
  monthly: { min: 0, max: 120 },
};

/** An IANA zone name the runtime knows (croner and Intl agree on it). Offsets such as `+02:00` and
 * abbreviations such as `CAT` are refused: only a named zone follows daylight-saving rules. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length > 64 || !/^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+)$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function retentionProblem(retention: RetentionPolicy): string | null {
  for (const [key, { min, max }] of Object.entries(retentionLimits) as Array<[keyof RetentionPolicy, { min: number; max: number }]>) {
    const value = retention[key];
    if (!Number.isInteger(value) || value < min || value > max) return `retention.${key} must be an integer from ${min} to ${max}`;
  }
  return null;
}

/** Why a policy is not acceptable, or null. Shared by the command schema (400) and the decider. */
export function backupPolicyProblem(policy: BackupPolicySettings): string | null {
  if (!Number.isInteger(policy.hour) || policy.hour < 0 || policy.hour > 23) return 'hour must be an integer from 0 to 23';
  if (!isValidTimeZone(policy.timeZone)) return `timeZone ${JSON.stringify(policy.timeZone)} is not an IANA time zone name such as Africa/Harare`;
  return policy.retention ? retentionProblem(policy.retention) : null;
}
