import type pg from 'pg';
import { sqlState } from './postgresAdminErrors';
import { quoteIdentifier } from './quoteIdentifier';
import { scramSha256Verifier } from './scramSha256Verifier';

/**
 * The instance's LOGIN role with exactly this password: created if absent, password set (rotated) if
 * present. The connected admin (CREATEROLE, not superuser) then grants itself membership: PostgreSQL 15
 * requires it for CREATE DATABASE ... OWNER, for dropping the database and for terminating its sessions.
 */
export async function ensureRole(pool: pg.Pool, name: string, password: string): Promise<void> {
  const role = quoteIdentifier(name);
  const attributes = `LOGIN NOCREATEDB NOCREATEROLE PASSWORD '${scramSha256Verifier(password)}'`;
  // Look first: a failing CREATE would put the statement (verifier) into the server log.
  const { rowCount } = await pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (rowCount === 0) {
    try {
      await pool.query(`CREATE ROLE ${role} ${attributes}`);
    } catch (error) {
      if (sqlState(error) !== '42710') throw error; // created concurrently: fall through to ALTER
      await pool.query(`ALTER ROLE ${role} ${attributes}`);
    }
  } else {
    await pool.query(`ALTER ROLE ${role} ${attributes}`);
  }
  const member = await pool.query('SELECT pg_has_role(current_user, $1, $2) AS member', [name, 'MEMBER']);
  if (!member.rows[0].member) await pool.query(`GRANT ${role} TO CURRENT_USER`);
}
