import { billingPeriod } from '../../../src/domain/billing/billingPeriod';
import { addDays, addMonths, daysBetween } from '../../../src/domain/billing/calendarDays';
import { CurrencyMismatchError, money } from '../../../src/domain/billing/money';
import { prorate } from '../../../src/domain/billing/prorate';

const april = { start: '2025-04-01', end: '2025-05-01' }; // 30 days
const starter = money(1500, 'USD');
const business = money(3500, 'USD');

describe('Calendar days and billing periods', () => {
  it('counts whole days from the dates given', () => {
    expect(daysBetween('2025-04-01', '2025-05-01')).toBe(30);
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2025-05-01', '2025-04-01')).toBe(-30);
    expect(addDays('2025-12-25', 14)).toBe('2026-01-08');
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => addDays('1 April', 1)).toThrow(RangeError);
  });

  it('adds months, clamped to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('counts each period from the anchor, so the 31st comes back after February', () => {
    expect(billingPeriod('2025-01-31', 'monthly', 0)).toEqual({ start: '2025-01-31', end: '2025-02-28' });
    expect(billingPeriod('2025-01-31', 'monthly', 1)).toEqual({ start: '2025-02-28', end: '2025-03-31' });
    expect(billingPeriod('2025-01-31', 'monthly', 2)).toEqual({ start: '2025-03-31', end: '2025-04-30' });
    expect(billingPeriod('2024-02-29', 'annual', 1)).toEqual({ start: '2025-02-28', end: '2026-02-28' });
  });
});

describe('Proration of a plan change', () => {
  it('charges an upgrade the difference for the remaining days, the change day included', () => {
    // 20 of 30 days left: (3500 − 1500) × 20/30 = 1333.33 → 1333
    expect(prorate({ period: april, previousPrice: starter, nextPrice: business, changedOn: '2025-04-11' }))
      .toEqual({ kind: 'charge', amount: money(1333, 'USD'), remainingDays: 20, periodDays: 30 });
  });

  it('credits a downgrade the same amount an upgrade on that day would charge', () => {
    expect(prorate({ period: april, previousPrice: business, nextPrice: starter, changedOn: '2025-04-11' }))
      .toEqual({ kind: 'credit', amount: money(1333, 'USD'), remainingDays: 20, periodDays: 30 });
  });

  it('rounds half away from zero, once, on the difference', () => {
    // 1 of 30 days: 2000/30 = 66.67 → 67; 15 of 30 days of 3 cents: 1.5 → 2
    expect(prorate({ period: april, previousPrice: starter, nextPrice: business, changedOn: '2025-04-30' })?.amount).toEqual(money(67, 'USD'));
    expect(prorate({ period: april, previousPrice: money(0, 'USD'), nextPrice: money(3, 'USD'), changedOn: '2025-04-16' })?.amount).toEqual(money(2, 'USD'));
    expect(prorate({ period: april, previousPrice: money(3, 'USD'), nextPrice: money(0, 'USD'), changedOn: '2025-04-16' })?.amount).toEqual(money(2, 'USD'));
  });

  it('is the whole difference on the first day and nothing at or after the end', () => {
    expect(prorate({ period: april, previousPrice: starter, nextPrice: business, changedOn: '2025-04-01' })?.amount).toEqual(money(2000, 'USD'));
    expect(prorate({ period: april, previousPrice: starter, nextPrice: business, changedOn: '2025-03-20' })?.remainingDays).toBe(30);
    expect(prorate({ period: april, previousPrice: starter, nextPrice: business, changedOn: '2025-05-01' })).toBeNull();
    expect(prorate({ period: april, previousPrice: starter, nextPrice: starter, changedOn: '2025-04-11' })).toBeNull();
  });

  it('prorates an annual period by its days (a leap year has 366)', () => {
    const year = billingPeriod('2024-01-01', 'annual', 0);
    const proration = prorate({ period: year, previousPrice: money(15000, 'USD'), nextPrice: money(35000, 'USD'), changedOn: '2024-07-01' });
    expect(proration).toEqual({ kind: 'charge', amount: money(10055, 'USD'), remainingDays: 184, periodDays: 366 }); // 20000 × 184/366 = 10054.6
  });

  it('refuses prices in different currencies and an empty period', () => {
    expect(() => prorate({ period: april, previousPrice: starter, nextPrice: money(95000, 'ZWG'), changedOn: '2025-04-11' })).toThrow(CurrencyMismatchError);
    expect(() => prorate({ period: { start: '2025-04-01', end: '2025-04-01' }, previousPrice: starter, nextPrice: business, changedOn: '2025-04-01' })).toThrow(RangeError);
  });
});
