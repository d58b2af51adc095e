/** The currencies a tenant may be billed in (issue 15): US dollars and Zimbabwe Gold. Both have
 * two decimals, so a minor unit is a cent in either. */
export const currencies = ['USD', 'ZWG'] as const;
export type Currency = (typeof currencies)[number];

/** An amount of money in integer minor units: never a float, so sums and totals are exact. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: Currency;
}

/** How a division that does not come out even is rounded. Every computation names one, so a
 * rounding is a decision in the code, never an accident of floating point. */
export type Rounding = 'towardZero' | 'awayFromZero' | 'halfAwayFromZero' | 'halfEven';

export function money(amountMinor: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`${amountMinor} is not a whole number of minor units`);
  return { amountMinor, currency };
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

/** amount × numerator / denominator, in integer arithmetic (BigInt, so the product cannot lose
 * precision), rounded as asked. */
export function multiplyMoneyByRatio(amount: Money, numerator: number, denominator: number, rounding: Rounding): Money {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`${numerator}/${denominator} is not a ratio of whole numbers`);
  }
  const quotient = divideRounded(BigInt(amount.amountMinor) * BigInt(numerator), BigInt(denominator), rounding);
  return money(Number(quotient), amount.currency);
}

function divideRounded(dividend: bigint, divisor: bigint, rounding: Rounding): bigint {
  const [n, d] = divisor < 0n ? [-dividend, -divisor] : [dividend, divisor];
  const truncated = n / d;
  const remainder = n % d;
  if (remainder === 0n) return truncated;
  const awayFromZero = truncated + (n < 0n ? -1n : 1n);
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  switch (rounding) {
    case 'towardZero':
      return truncated;
    case 'awayFromZero':
      return awayFromZero;
    case 'halfAwayFromZero':
      return twiceRemainder >= d ? awayFromZero : truncated;
    case 'halfEven':
      if (twiceRemainder !== d) return twiceRemainder > d ? awayFromZero : truncated;
      return truncated % 2n === 0n ? truncated : awayFromZero;
    default: {
      const unknownRounding: never = rounding;
      return unknownRounding;
    }
  }
}

export class CurrencyMismatchError extends Error {
  constructor(readonly left: Currency, readonly right: Currency) {
    super(`Cannot combine ${left} with ${right}`);
    this.name = 'CurrencyMismatchError';
  }
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}
