import { addMoney, CurrencyMismatchError, money, multiplyMoneyByRatio, subtractMoney } from '../../../src/domain/billing/money';

describe('Money', () => {
  it('holds whole minor units only', () => {
    expect(money(1500, 'USD')).toEqual({ amountMinor: 1500, currency: 'USD' });
    expect(() => money(15.5, 'USD')).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'USD')).toThrow(RangeError);
  });

  it('adds and subtracts within one currency, and refuses to mix currencies', () => {
    expect(addMoney(money(1050, 'ZWG'), money(-50, 'ZWG'))).toEqual(money(1000, 'ZWG'));
    expect(subtractMoney(money(1500, 'USD'), money(3500, 'USD'))).toEqual(money(-2000, 'USD'));
    expect(() => addMoney(money(1, 'USD'), money(1, 'ZWG'))).toThrow(CurrencyMismatchError);
    expect(() => subtractMoney(money(1, 'ZWG'), money(1, 'USD'))).toThrow(CurrencyMismatchError);
  });

  it('multiplies by a ratio with the rounding it is told', () => {
    const ten = money(10, 'USD');
    expect(multiplyMoneyByRatio(ten, 1, 4, 'towardZero').amountMinor).toBe(2); // 2.5
    expect(multiplyMoneyByRatio(ten, 1, 4, 'awayFromZero').amountMinor).toBe(3);
    expect(multiplyMoneyByRatio(ten, 1, 4, 'halfAwayFromZero').amountMinor).toBe(3);
    expect(multiplyMoneyByRatio(ten, 1, 4, 'halfEven').amountMinor).toBe(2);
    expect(multiplyMoneyByRatio(money(14, 'USD'), 1, 4, 'halfEven').amountMinor).toBe(4); // 3.5 → 4
    expect(multiplyMoneyByRatio(ten, 1, 3, 'halfAwayFromZero').amountMinor).toBe(3); // 3.33
    expect(multiplyMoneyByRatio(money(20, 'USD'), 1, 3, 'halfAwayFromZero').amountMinor).toBe(7); // 6.67
    expect(multiplyMoneyByRatio(ten, 3, 1, 'towardZero')).toEqual(money(30, 'USD'));
  });

  it('rounds negative amounts symmetrically (a credit is the mirror of a charge)', () => {
    const minusTen = money(-10, 'USD');
    expect(multiplyMoneyByRatio(minusTen, 1, 4, 'towardZero').amountMinor).toBe(-2);
    expect(multiplyMoneyByRatio(minusTen, 1, 4, 'awayFromZero').amountMinor).toBe(-3);
    expect(multiplyMoneyByRatio(minusTen, 1, 4, 'halfAwayFromZero').amountMinor).toBe(-3);
    expect(multiplyMoneyByRatio(minusTen, 1, 4, 'halfEven').amountMinor).toBe(-2);
    expect(multiplyMoneyByRatio(money(10, 'USD'), 1, -4, 'halfAwayFromZero').amountMinor).toBe(-3);
  });

  it('keeps exact when the intermediate product exceeds 2^53', () => {
    const large = money(9_000_000_000_000, 'ZWG');
    expect(multiplyMoneyByRatio(large, 999, 1000, 'towardZero').amountMinor).toBe(8_991_000_000_000);
    expect(() => multiplyMoneyByRatio(large, 1, 0, 'towardZero')).toThrow(RangeError);
    expect(() => multiplyMoneyByRatio(large, 0.5, 1, 'towardZero')).toThrow(RangeError);
  });
});
