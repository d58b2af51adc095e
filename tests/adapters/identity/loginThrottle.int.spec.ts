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
  it('reserves each attempt first: blocks past the allowed attempts, longer at the next tier, and lets go when the block ends', async () => {
    await withSchema(async (schema, pool) => {
      const throttle = createLoginThrottle({ pool, schema, accountTiers: [[2, 60, 1], [4, 60, 3]], ipTier: [1000, 60, 1] });
      expect(await throttle.reserve('acct', '10.0.0.1')).toEqual({ allowed: true });
      expect(await throttle.reserve('acct', '10.0.0.1')).toEqual({ allowed: true });
      expect(await throttle.reserve('acct', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1, blockStarted: true });
      // Refused during the block without being counted.
      expect(await throttle.reserve('acct', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1, blockStarted: false });
      expect(await throttle.reserve('other', '10.0.0.1')).toEqual({ allowed: true });
      await sleep(1100);
      // The first tier's block is over; the second tier has counted three attempts, allows a fourth.
      expect(await throttle.reserve('acct', '10.0.0.1')).toEqual({ allowed: true });
      expect(await throttle.reserve('acct', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 3, blockStarted: true });
    });
  });

  it('lets no more parallel attempts through than the limit', async () => {
    await withSchema(async (schema, pool) => {
      const throttle = createLoginThrottle({ pool, schema, accountTiers: [[5, 60, 60]], ipTier: [1000, 60, 60] });
      const verdicts = await Promise.all(Array.from({ length: 30 }, () => throttle.reserve('acct', '10.0.0.7')));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
      expect(verdicts.filter((v) => !v.allowed && v.blockStarted)).toHaveLength(1);
    });
  });

  it('clears an account and gives the IP its attempt back on success, and throttles per IP across accounts', async () => {
    await withSchema(async (schema, pool) => {
      const throttle = createLoginThrottle({ pool, schema, accountTiers: [[2, 60, 60]], ipTier: [3, 60, 60] });
      await throttle.reserve('acct', '10.0.0.2');
      await throttle.reserve('acct', '10.0.0.2');
      await throttle.recordSuccess('acct', '10.0.0.2');
      expect(await throttle.reserve('acct', '10.0.0.9')).toEqual({ allowed: true });
      for (let i = 0; i < 5; i += 1) {
        expect(await throttle.reserve(`ok${i}`, '10.0.0.5')).toEqual({ allowed: true });
        await throttle.recordSuccess(`ok${i}`, '10.0.0.5');
      }
      await throttle.reserve('a1', '10.0.0.3');
      await throttle.reserve('a2', '10.0.0.3');
      await throttle.reserve('a3', '10.0.0.3');
      expect(await throttle.reserve('a4', '10.0.0.3')).toMatchObject({ allowed: false });
      expect(await throttle.reserve('fresh', '10.0.0.3')).toMatchObject({ allowed: false });
      expect(await throttle.reserve('fresh', '10.0.0.4')).toEqual({ allowed: true });
    });
  });
});
