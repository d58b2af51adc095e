import type pg from 'pg';
import { quoteIdentifier } from './quoteIdentifier';

const insufficientPrivilege = '42501';

/**
 * Absent is fine. WITH (FORCE) (PostgreSQL 13+) terminates the sessions still connected (the instance's
 * Odoo, a stuck backup) in the same statement, so no new session can sneak in between.
 *
 * FORCE refuses outright (42501) when one of those sessions is one the non-superuser admin may not
 * signal: an autovacuum worker (a freshly restored database gets one at once) or an instance role's
 * session still exiting. A plain DROP then asks autovacuum to leave and waits up to five seconds for
 * the others; a session that stays fails it (55006), as it should.
 */
export async function dropDatabase(pool: pg.Pool, name: string): Promise<void> {
  try {
    await pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } catch (error) {
    if ((error as { code?: string }).code !== insufficientPrivilege) throw error;
    await pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  }
}
