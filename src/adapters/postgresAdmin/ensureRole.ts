import type pg from 'pg';
import { inTransaction } from '../postgres/inTransaction';
import { sqlState } from './postgresAdminErrors';
import { quoteIdentifier } from './quoteIdentifier';
import { assertMarked, readResourceMark, writeResourceMark } from './resourceMark';
import { scramSha256Verifier } from './scramSha256Verifier';

/**
 * The instance's LOGIN role with exactly this password: created (and marked) if absent; if present it
 * must carry this mark (made by an earlier attempt of the same step), else the step fails: a role
 * somebody else made is never re-passworded. The connected admin (CREATEROLE, not superuser) then
 * grants itself membership: PostgreSQL 15 requires it for CREATE DATABASE ... OWNER, for dropping the
 * database and for terminating its sessions.
 */
export async function ensureRole(pool: pg.Pool, name: string, password: string, mark: string): Promise<void> {
  const role = quoteIdentifier(name);
  const attributes = `LOGIN NOCREATEDB NOCREATEROLE PASSWORD '${scramSha256Verifier(password)}'`;
  // Look first: a failing CREATE would put the statement (verifier) into the server log.
  const existing = await readResourceMark(pool, 'ROLE', name);
  if (existing) {
    assertMarked('ROLE', name, existing, mark);
    await pool.query(`ALTER ROLE ${role} ${attributes}`);
  } else {
    try {
      await createMarkedRole(pool, role, attributes, name, mark);
    } catch (error) {
      if (sqlState(error) !== '42710') throw error; // created concurrently: only ours if it bears our mark
      const raced = await readResourceMark(pool, 'ROLE', name);
      if (!raced) throw error;
      assertMarked('ROLE', name, raced, mark);
      await pool.query(`ALTER ROLE ${role} ${attributes}`);
    }
  }
  const member = await pool.query('SELECT pg_catalog.pg_has_role(current_user, $1, $2) AS member', [name, 'MEMBER']);
  if (!member.rows[0].member) await pool.query(`GRANT ${role} TO CURRENT_USER`);
}

/** Role and mark in one transaction (roles are transactional): no unmarked role of ours can exist. */
async function createMarkedRole(pool: pg.Pool, role: string, attributes: string, name: string, mark: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(`CREATE ROLE ${role} ${attributes}`);
    await writeResourceMark(client, 'ROLE', name, mark);
  });
}
