import type pg from 'pg';

/** Runs idempotent DDL in one transaction under a transaction-scoped advisory lock named `lockName`:
 * CREATE ... IF NOT EXISTS alone still races in the catalogue when several processes start together. */
export async function runMigration(pool: pg.Pool, lockName: string, ddl: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockName]);
    await ddl(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
