import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { LoginThrottle, ThrottleVerdict } from '../../commands/identity/identityPorts';

export interface LoginThrottleOptions {
  pool: pg.Pool;
  /** Schema holding `login_throttle` (created by migrateIdentity). */
  schema: string;
  /** Failures per account: [allowed failures, window s, block s], a longer block per tier. */
  accountTiers?: ReadonlyArray<readonly [number, number, number]>;
  /** Failures per client IP before its block, window and block in seconds. */
  ipTier?: readonly [number, number, number];
}

// Stepped backoff per account: 5 quick failures cost a minute, 15 in an hour a quarter, 50 in a
// day an hour. Counters expire, so an account is never locked for good — and anyone can only
// slow an account down, never lock its owner out for longer than an hour at a time.
const defaultAccountTiers = [[5, 15 * 60, 60], [15, 60 * 60, 15 * 60], [50, 24 * 60 * 60, 60 * 60]] as const;
const defaultIpTier = [100, 15 * 60, 15 * 60] as const;

/** Login throttling backed by PostgreSQL (rate-limiter-flexible), shared by every API process. */
export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const limiter = (keyPrefix: string, [points, duration, blockDuration]: readonly [number, number, number], sweep: boolean) =>
    new RateLimiterPostgres({
      storeClient: options.pool, storeType: 'pool', schemaName: options.schema, tableName: 'login_throttle', tableCreated: true,
      clearExpiredByTimeout: sweep, keyPrefix, points, duration, blockDuration,
    });
  const accountLimiters = (options.accountTiers ?? defaultAccountTiers).map((tier, i) => limiter(`acct${i}`, tier, i === 0));
  const ipLimiter = limiter('ip', options.ipTier ?? defaultIpTier, false);
  const all = (accountKey: string, ip: string) => [
    ...accountLimiters.map((l) => [l, accountKey] as const),
    [ipLimiter, ip] as const,
  ];

  const verdict = (results: Array<{ blocked: boolean; msBeforeNext: number }>): ThrottleVerdict => {
    const blocked = results.filter((r) => r.blocked);
    if (blocked.length === 0) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000)) };
  };

  return {
    async check(accountKey, ip) {
      const results = await Promise.all(all(accountKey, ip).map(async ([l, key]) => {
        const res = await l.get(key);
        return { blocked: res !== null && res.consumedPoints > l.points, msBeforeNext: res?.msBeforeNext ?? 0 };
      }));
      return verdict(results);
    },
    async recordFailure(accountKey, ip) {
      const results = await Promise.all(all(accountKey, ip).map(async ([l, key]) => {
        try {
          await l.consume(key);
          return { blocked: false, msBeforeNext: 0 };
        } catch (rejection) {
          // The library rejects with a RateLimiterRes when over the limit, an Error when the store failed.
          if (rejection instanceof RateLimiterRes) return { blocked: true, msBeforeNext: rejection.msBeforeNext };
          throw rejection;
        }
      }));
      return verdict(results);
    },
    async recordSuccess(accountKey) {
      await Promise.all(accountLimiters.map((l) => l.delete(accountKey)));
    },
  };
}
