import type pg from 'pg';
import { createLoginThrottle } from '../../../src/adapters/identity/createLoginThrottle';
import { migrateIdentity } from '../../../src/adapters/identity/migrateIdentity';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';

// One pool per schema here: rate-limiter-flexible names its prepared statements by table name only,
// so two schemas on one pool would clash (the platform has one identity schema per pool).
async function withSchema(run: (schema: string, pool: pg.Pool) => Promise<void>) {
  const pool = createTestPool(4);
  const schema = uniqueSchemaName('throttle');
  await migrateIdentity(pool, schema);
  try {
    await run(schema, pool);
  } finally {
    await dropSchema(pool, schema);
    await pool.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('login throttle (PostgreSQL)', () => {
  it('blocks after the allowed failures, with a longer block at the next tier, and lets go when the block ends', async () => {
    await withSchema(async (schema, pool) => {
      const throttle = createLoginThrottle({ pool, schema, accountTiers: [[2, 60, 1], [4, 60, 3]], ipTier: [1000, 60, 1] });
      expect(await throttle.recordFailure('acct', '10.0.0.1')).toEqual({ allowed: true });
      expect(await throttle.recordFailure('acct', '10.0.0.1')).toEqual({ allowed: true });
      expect(await throttle.recordFailure('acct', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
      expect(await throttle.check('acct', '10.0.0.1')).toMatchObject({ allowed: false });
      expect(await throttle.check('other', '10.0.0.1')).toEqual({ allowed: true });
      await sleep(1100);
      expect(await throttle.check('acct', '10.0.0.1')).toEqual({ allowed: true });
      await throttle.recordFailure('acct', '10.0.0.1');
      expect(await throttle.recordFailure('acct', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 3 });
    });
  });

  it('clears an account on success and throttles per IP across accounts', async () => {
    await withSchema(async (schema, pool) => {
      const throttle = createLoginThrottle({ pool, schema, accountTiers: [[2, 60, 60]], ipTier: [3, 60, 60] });
      await throttle.recordFailure('acct', '10.0.0.2');
      await throttle.recordFailure('acct', '10.0.0.2');
      await throttle.recordSuccess('acct');
      expect(await throttle.check('acct', '10.0.0.9')).toEqual({ allowed: true });
      await throttle.recordFailure('a1', '10.0.0.3');
      await throttle.recordFailure('a2', '10.0.0.3');
      await throttle.recordFailure('a3', '10.0.0.3');
      expect(await throttle.recordFailure('a4', '10.0.0.3')).toMatchObject({ allowed: false });
      expect(await throttle.check('fresh', '10.0.0.3')).toMatchObject({ allowed: false });
      expect(await throttle.check('fresh', '10.0.0.4')).toEqual({ allowed: true });
    });
  });
});
