import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { MailingAction, RequestRateLimiter, ThrottleVerdict } from '../../ports/identityStores';

/** Requests per hour of each mailing action, from one IP and to one address. */
export type MailingLimits = Record<MailingAction, { perIp: number; perAddress: number }>;

/** rate-limiter-flexible on PostgreSQL (`request_limits`, created by migrateIdentity): the counter
 * is incremented in one statement before the answer, so parallel requests cannot all slip under a
 * limit, and every API process shares it. */
export function createRequestRateLimiter(options: { pool: pg.Pool; schema: string; limits: MailingLimits }): RequestRateLimiter {
  // One limiter sweeps expired rows of the whole table; more would only repeat its work.
  const limiter = (keyPrefix: string, points: number, sweep = false) => new RateLimiterPostgres({
    storeClient: options.pool, storeType: 'pool', schemaName: options.schema, tableName: 'request_limits', tableCreated: true,
    clearExpiredByTimeout: sweep, keyPrefix, points, duration: 3600,
  });
  const limiters = Object.fromEntries((Object.keys(options.limits) as MailingAction[]).map((action, i) => [action, {
    ip: limiter(`${action}:ip`, options.limits[action].perIp, i === 0),
    address: limiter(`${action}:address`, options.limits[action].perAddress),
  }])) as Record<MailingAction, { ip: RateLimiterPostgres; address: RateLimiterPostgres }>;

  return {
    async consume(action, keys): Promise<ThrottleVerdict> {
      const { ip, address } = limiters[action];
      const waits = await Promise.all([spend(ip, keys.ip), spend(address, keys.addressKey)]);
      const longest = Math.max(...waits);
      return longest > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(longest / 1000)) } : { allowed: true };
    },
  };
}

/** 0 when allowed, else how long until the budget frees a request (ms). */
async function spend(limiter: RateLimiterPostgres, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    // The library rejects with a RateLimiterRes when over the limit, an Error when the store failed.
    if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
    throw rejection;
  }
}
