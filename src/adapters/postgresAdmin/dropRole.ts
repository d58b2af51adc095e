import type pg from 'pg';
import { quoteIdentifier } from './quoteIdentifier';

/** Absent is fine. Drop the role's database first: a role that still owns one cannot be dropped. */
export async function dropRole(pool: pg.Pool, name: string): Promise<void> {
  await pool.query(`DROP ROLE IF EXISTS ${quoteIdentifier(name)}`);
}
