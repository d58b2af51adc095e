import type pg from 'pg';
import { inTransaction } from './inTransaction';

/** Runs idempotent DDL in one transaction under a transaction-scoped advisory lock named `lockName`:
 * CREATE ... IF NOT EXISTS alone still races in the catalogue when several processes start together. */
export async function runMigration(pool: pg.Pool, lockName: string, ddl: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockName]);
    await ddl(client);
  });
}
