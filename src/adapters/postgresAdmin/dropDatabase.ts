import type pg from 'pg';
import { quoteIdentifier } from './quoteIdentifier';

/**
 * Absent is fine. WITH (FORCE) (PostgreSQL 13+) terminates the sessions still connected (the instance's
 * Odoo, a stuck backup) in the same statement, so no new session can sneak in between.
 */
export async function dropDatabase(pool: pg.Pool, name: string): Promise<void> {
  await pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}
