/** Plan names are part of the domain (commands name them); their sizes live in config
 * (`INSTANCE_PLANS`), so operators can retune a plan without a code change. */
export const instancePlanNames = ['starter', 'business', 'enterprise'] as const;
export type InstancePlanName = (typeof instancePlanNames)[number];

export interface InstancePlan {
  memoryMb: number;
  cpus: number;
  diskQuotaGb: number;
  backupRetentionDays: number;
}
