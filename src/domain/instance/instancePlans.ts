/** Plan names are part of the domain (commands name them); their sizes live in config
 * (`INSTANCE_PLANS`), so operators can retune a plan without a code change. */
export const instancePlanNames = ['starter', 'business', 'enterprise'] as const;
export type InstancePlanName = (typeof instancePlanNames)[number];

/** Grandfather-father-son counts: the newest backup of each of the last N days, ISO weeks, months. */
export interface PlanBackupRetention {
  daily: number;
  weekly: number;
  monthly: number;
}

export interface InstancePlan {
  memoryMb: number;
  cpus: number;
  diskQuotaGb: number;
  /** Retention of instances whose tenant chose none (a backup policy may override it). */
  backupRetention: PlanBackupRetention;
}
