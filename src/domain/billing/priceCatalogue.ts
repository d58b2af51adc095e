import { instancePlanNames, type InstancePlanName } from '../instance/instancePlans';
import { billingIntervals, type BillingInterval } from './billingPeriod';
import { currencies, money, type Currency, type Money } from './money';

/** Prices in minor units (cents) per currency and interval. */
export type PlanPrices = Readonly<Record<Currency, Readonly<Record<BillingInterval, number>>>>;

export interface PriceCatalogue {
  /** Days a new instance runs before its first invoice. */
  trialDays: number;
  plans: Readonly<Record<InstancePlanName, PlanPrices>>;
}

// A year costs ten months. ZWG prices are set by operators as the exchange rate moves (PLAN_PRICES);
// these defaults only make a fresh machine bill something plausible.
export const defaultPriceCatalogue: PriceCatalogue = {
  trialDays: 14,
  plans: {
    starter: { USD: { monthly: 1500, annual: 15000 }, ZWG: { monthly: 40000, annual: 400000 } },
    business: { USD: { monthly: 3500, annual: 35000 }, ZWG: { monthly: 95000, annual: 950000 } },
    enterprise: { USD: { monthly: 8000, annual: 80000 }, ZWG: { monthly: 215000, annual: 2150000 } },
  },
};

export function planPrice(catalogue: PriceCatalogue, plan: InstancePlanName, currency: Currency, interval: BillingInterval): Money {
  return money(catalogue.plans[plan][currency][interval], currency);
}

type PriceOverrides = { trialDays?: unknown; plans?: Record<string, Record<string, Record<string, unknown>>> };

/** PLAN_PRICES (JSON) over the defaults, merged price by price, like INSTANCE_PLANS
 * (src/domain/instance/instancePlanCatalogue.ts): `{"trialDays":30,"plans":{"starter":{"ZWG":{"monthly":42000}}}}`.
 * Prices are whole minor units; unknown keys are refused, so a misspelt override fails at start. */
export function parsePriceCatalogue(json: string): PriceCatalogue {
  const given = JSON.parse(json) as PriceOverrides;
  for (const key of Object.keys(given)) {
    if (key !== 'trialDays' && key !== 'plans') throw new Error(`PLAN_PRICES.${key} is not a setting (trialDays, plans)`);
  }
  const trialDays = given.trialDays ?? defaultPriceCatalogue.trialDays;
  if (typeof trialDays !== 'number' || !Number.isInteger(trialDays) || trialDays < 0 || trialDays > 365) {
    throw new Error('PLAN_PRICES.trialDays must be a whole number of days from 0 to 365');
  }
  const overrides = given.plans ?? {};
  assertKnown(Object.keys(overrides), instancePlanNames, 'PLAN_PRICES.plans');
  const plans = {} as Record<InstancePlanName, PlanPrices>;
  for (const plan of instancePlanNames) {
    const planOverride = overrides[plan] ?? {};
    assertKnown(Object.keys(planOverride), currencies, `PLAN_PRICES.plans.${plan}`);
    const prices = {} as Record<Currency, Record<BillingInterval, number>>;
    for (const currency of currencies) {
      const currencyOverride = planOverride[currency] ?? {};
      assertKnown(Object.keys(currencyOverride), billingIntervals, `PLAN_PRICES.plans.${plan}.${currency}`);
      const merged = { ...defaultPriceCatalogue.plans[plan][currency], ...currencyOverride } as Record<BillingInterval, unknown>;
      for (const interval of billingIntervals) {
        const value = merged[interval];
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
          throw new Error(`PLAN_PRICES.plans.${plan}.${currency}.${interval} must be a whole, non-negative number of minor units (cents)`);
        }
      }
      prices[currency] = merged as Record<BillingInterval, number>;
    }
    plans[plan] = prices;
  }
  return { trialDays, plans };
}

function assertKnown(keys: string[], allowed: readonly string[], where: string): void {
  for (const key of keys) if (!allowed.includes(key)) throw new Error(`${where}.${key} is not known (${allowed.join(', ')})`);
}
