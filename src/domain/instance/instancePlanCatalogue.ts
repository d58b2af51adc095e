import { instancePlanNames, type InstancePlan, type InstancePlanName } from './instancePlans';

export type InstancePlanCatalogue = Readonly<Record<InstancePlanName, InstancePlan>>;

export const defaultInstancePlans: InstancePlanCatalogue = {
  starter: { memoryMb: 1024, cpus: 1, diskQuotaGb: 10, backupRetentionDays: 7 },
  business: { memoryMb: 2048, cpus: 2, diskQuotaGb: 50, backupRetentionDays: 30 },
  enterprise: { memoryMb: 4096, cpus: 4, diskQuotaGb: 200, backupRetentionDays: 90 },
};

/** INSTANCE_PLANS (JSON) over the defaults: every plan must end up with positive sizes. */
export function parseInstancePlans(json: string): InstancePlanCatalogue {
  const given = JSON.parse(json) as Partial<Record<string, Partial<InstancePlan>>>;
  const catalogue = {} as Record<InstancePlanName, InstancePlan>;
  for (const name of instancePlanNames) {
    const plan = { ...defaultInstancePlans[name], ...(given[name] ?? {}) };
    for (const [key, value] of Object.entries(plan)) {
      if (typeof value !== 'number' || !(value > 0)) throw new Error(`INSTANCE_PLANS.${name}.${key} must be a positive number`);
    }
    catalogue[name] = plan;
  }
  return catalogue;
}
