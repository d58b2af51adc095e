import { money } from '../../../src/domain/billing/money';
import { defaultPriceCatalogue, parsePriceCatalogue, planPrice } from '../../../src/domain/billing/priceCatalogue';

describe('Price catalogue (PLAN_PRICES)', () => {
  it('defaults every plan, currency and interval', () => {
    expect(parsePriceCatalogue('{}')).toEqual(defaultPriceCatalogue);
    expect(planPrice(defaultPriceCatalogue, 'business', 'USD', 'monthly')).toEqual(money(3500, 'USD'));
  });

  it('merges overrides price by price', () => {
    const catalogue = parsePriceCatalogue('{"trialDays":30,"plans":{"starter":{"ZWG":{"monthly":42000}}}}');
    expect(catalogue.trialDays).toBe(30);
    expect(planPrice(catalogue, 'starter', 'ZWG', 'monthly')).toEqual(money(42000, 'ZWG'));
    expect(planPrice(catalogue, 'starter', 'ZWG', 'annual')).toEqual(money(defaultPriceCatalogue.plans.starter.ZWG.annual, 'ZWG'));
    expect(catalogue.plans.business).toEqual(defaultPriceCatalogue.plans.business);
  });

  it('refuses fractions, negative prices and unknown keys', () => {
    expect(() => parsePriceCatalogue('{"plans":{"starter":{"USD":{"monthly":15.5}}}}')).toThrow(/whole, non-negative number of minor units/);
    expect(() => parsePriceCatalogue('{"plans":{"starter":{"USD":{"monthly":-1}}}}')).toThrow(/non-negative/);
    expect(() => parsePriceCatalogue('{"plans":{"premium":{}}}')).toThrow(/PLAN_PRICES.plans.premium is not known/);
    expect(() => parsePriceCatalogue('{"plans":{"starter":{"EUR":{}}}}')).toThrow(/EUR is not known/);
    expect(() => parsePriceCatalogue('{"plans":{"starter":{"USD":{"weekly":1}}}}')).toThrow(/weekly is not known/);
    expect(() => parsePriceCatalogue('{"trialDays":1.5}')).toThrow(/trialDays/);
    expect(() => parsePriceCatalogue('{"trial":14}')).toThrow(/PLAN_PRICES.trial is not a setting/);
  });
});
