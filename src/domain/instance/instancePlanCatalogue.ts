import { instancePlanNames, type InstancePlan, type InstancePlanName, type PlanBackupRetention } from './instancePlans';

export type InstancePlanCatalogue = Readonly<Record<InstancePlanName, InstancePlan>>;

export const defaultInstancePlans: InstancePlanCatalogue = {
  starter: { memoryMb: 1024, cpus: 1, diskQuotaGb: 10, backupRetention: { daily: 7, weekly: 4, monthly: 3 } },
  business: { memoryMb: 2048, cpus: 2, diskQuotaGb: 50, backupRetention: { daily: 14, weekly: 8, monthly: 12 } },
  enterprise: { memoryMb: 4096, cpus: 4, diskQuotaGb: 200, backupRetention: { daily: 30, weekly: 12, monthly: 24 } },
};

const sizeKeys = ['memoryMb', 'cpus', 'diskQuotaGb'] as const;
const retentionMinimum: Readonly<Record<keyof PlanBackupRetention, number>> = { daily: 1, weekly: 0, monthly: 0 };

/** INSTANCE_PLANS (JSON) over the defaults, `backupRetention` merged key by key: every plan must end
 * up with positive sizes and whole retention counts (at least one daily). Unknown keys are refused,
 * so a misspelt override is an error at start, not a silently ignored setting. */
export function parseInstancePlans(json: string): InstancePlanCatalogue {
  const given = JSON.parse(json) as Partial<Record<string, Partial<Omit<InstancePlan, 'backupRetention'>> & { backupRetention?: Partial<PlanBackupRetention> }>>;
  for (const name of Object.keys(given)) {
    if (!(instancePlanNames as readonly string[]).includes(name)) throw new Error(`INSTANCE_PLANS.${name} is not a plan (${instancePlanNames.join(', ')})`);
  }
  const catalogue = {} as Record<InstancePlanName, InstancePlan>;
  for (const name of instancePlanNames) {
    const override = given[name] ?? {};
    for (const key of Object.keys(override)) {
      if (!(sizeKeys as readonly string[]).includes(key) && key !== 'backupRetention') throw new Error(`INSTANCE_PLANS.${name}.${key} is not a plan setting`);
    }
    const defaults = defaultInstancePlans[name];
    const plan: InstancePlan = { ...defaults, ...override, backupRetention: { ...defaults.backupRetention, ...(override.backupRetention ?? {}) } };
    for (const key of sizeKeys) {
      const value = plan[key];
      if (typeof value !== 'number' || !(value > 0)) throw new Error(`INSTANCE_PLANS.${name}.${key} must be a positive number`);
    }
    for (const key of Object.keys(plan.backupRetention)) {
      const minimum = retentionMinimum[key as keyof PlanBackupRetention];
      const value = plan.backupRetention[key as keyof PlanBackupRetention];
      if (minimum === undefined) throw new Error(`INSTANCE_PLANS.${name}.backupRetention.${key} is not a retention setting (daily, weekly, monthly)`);
      if (!Number.isInteger(value) || value < minimum) throw new Error(`INSTANCE_PLANS.${name}.backupRetention.${key} must be an integer of at least ${minimum}`);
    }
    catalogue[name] = plan;
  }
  return catalogue;
}
