import type pg from 'pg';
import { quoteIdentifier } from './quoteIdentifier';
import { readResourceMark } from './resourceMark';

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
export async function dropDatabase(pool: pg.Pool, name: string, mark?: string): Promise<void> {
  if (mark !== undefined && !(await isMarkedOrOwnedByMarkedRole(pool, name, mark))) return;
  try {
    await pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } catch (error) {
    if ((error as { code?: string }).code !== insufficientPrivilege) throw error;
    await pool.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  }
}

/** With a mark, only a database of ours is dropped: it bears the mark, or (created but not yet marked,
 * see ensureDatabase) its owner bears it. */
async function isMarkedOrOwnedByMarkedRole(pool: pg.Pool, name: string, mark: string): Promise<boolean> {
  const found = await readResourceMark(pool, 'DATABASE', name);
  if (!found) return false;
  if (found.mark !== null) return found.mark === mark;
  const { rows } = await pool.query<{ owner: string }>(
    'SELECT pg_catalog.pg_get_userbyid(datdba) AS owner FROM pg_catalog.pg_database WHERE datname = $1', [name]);
  return rows[0] !== undefined && (await readResourceMark(pool, 'ROLE', rows[0].owner))?.mark === mark;
}
