import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { LoginThrottle } from '../../ports/identityStores';

export interface LoginThrottleOptions {
  pool: pg.Pool;
  /** Schema holding `login_throttle` (created by migrateIdentity). */
  schema: string;
  /** Attempts per account: [allowed attempts, window s, block s], a longer block per tier. */
  accountTiers?: ReadonlyArray<readonly [number, number, number]>;
  /** Attempts per client IP before its block, window and block in seconds. */
  ipTier?: readonly [number, number, number];
}

// Stepped backoff per account: 5 quick failures cost a minute, 15 in an hour a quarter, 50 in a
// day an hour. Counters expire, so an account is never locked for good — and anyone can only
// slow an account down, never lock its owner out for longer than an hour at a time.
const defaultAccountTiers = [[5, 15 * 60, 60], [15, 60 * 60, 15 * 60], [50, 24 * 60 * 60, 60 * 60]] as const;
const defaultIpTier = [100, 15 * 60, 15 * 60] as const;

interface Spent {
  refused: boolean;
  msBeforeNext: number;
  /** This attempt was the first over the limit: it started the block. */
  startedBlock: boolean;
}

/** Login throttling backed by PostgreSQL (rate-limiter-flexible), shared by every API process. Each
 * attempt is counted first (`consume`: one INSERT … ON CONFLICT … RETURNING per counter), and only an
 * attempt that fit in every budget gets its password verified; a right password gives the attempt
 * back (docs/decisions/045). */
export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const limiter = (keyPrefix: string, [points, duration, blockDuration]: readonly [number, number, number], sweep: boolean) =>
    new RateLimiterPostgres({
      storeClient: options.pool, storeType: 'pool', schemaName: options.schema, tableName: 'login_throttle', tableCreated: true,
      clearExpiredByTimeout: sweep, keyPrefix, points, duration, blockDuration,
    });
  const accountLimiters = (options.accountTiers ?? defaultAccountTiers).map((tier, i) => limiter(`acct${i}`, tier, i === 0));
  const ipLimiter = limiter('ip', options.ipTier ?? defaultIpTier, false);

  const spend = async (l: RateLimiterPostgres, key: string): Promise<Spent> => {
    try {
      await l.consume(key);
      return { refused: false, msBeforeNext: 0, startedBlock: false };
    } catch (rejection) {
      // The library rejects with a RateLimiterRes when over the limit, an Error when the store failed.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { refused: true, msBeforeNext: rejection.msBeforeNext, startedBlock: rejection.consumedPoints === l.points + 1 };
    }
  };

  const counters = (accountKey: string, ip: string) => [...accountLimiters.map((l) => [l, accountKey] as const), [ipLimiter, ip] as const];
  const alreadyBlocked = async (l: RateLimiterPostgres, key: string): Promise<Spent> => {
    const res = await l.get(key);
    return { refused: res !== null && res.consumedPoints > l.points, msBeforeNext: res?.msBeforeNext ?? 0, startedBlock: false };
  };

  return {
    async reserve(accountKey, ip) {
      // An attempt during a block is refused without being counted (a flood would otherwise spend the
      // IP's budget and extend the account's tiers); the count below is the gate that races cannot pass.
      const blocked = (await Promise.all(counters(accountKey, ip).map(([l, key]) => alreadyBlocked(l, key)))).filter((r) => r.refused);
      if (blocked.length > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000)), blockStarted: false };
      const results = await Promise.all(counters(accountKey, ip).map(([l, key]) => spend(l, key)));
      const refused = results.filter((r) => r.refused);
      if (refused.length === 0) return { allowed: true };
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...refused.map((r) => r.msBeforeNext)) / 1000));
      return { allowed: false, retryAfterSeconds, blockStarted: refused.some((r) => r.startedBlock) };
    },
    async recordSuccess(accountKey, ip) {
      await Promise.all([...accountLimiters.map((l) => l.delete(accountKey)), ...(ip === null ? [] : [ipLimiter.reward(ip, 1)])]);
    },
  };
}
