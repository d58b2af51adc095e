import pg from 'pg';
import { connectionWithDatabase } from './connectionWithDatabase';
import { sqlState } from './postgresAdminErrors';
import { DatabaseOwnerMismatchError } from '../../ports/postgresAdminErrors';
import { quoteIdentifier } from './quoteIdentifier';
import { assertMarked, readResourceMark, writeResourceMark } from './resourceMark';

/**
 * The instance's database, owned by its role, with the `public` schema owned by that role too (the
 * prototype's restore failed on a public schema owned by someone else) and CONNECT revoked from
 * PUBLIC, so no other instance's role can even connect. Present with the same owner and this mark is
 * accepted and its grants re-applied; with another owner or mark it is refused, never adopted.
 * CREATE DATABASE cannot share a transaction with its COMMENT: a database left unmarked by a crash in
 * between is recognised by its owner, a role that bears our mark (ensureRole) and may not create
 * databases itself.
 */
export async function ensureDatabase(pool: pg.Pool, adminUrl: string, name: string, owner: string, mark: string): Promise<void> {
  const database = quoteIdentifier(name);
  const ownerRole = quoteIdentifier(owner);
  if (!(await checkExisting(pool, name, owner, mark))) {
    try {
      // template0: an encoding of our choosing; collation C as Odoo itself creates databases.
      await pool.query(`CREATE DATABASE ${database} OWNER ${ownerRole} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`);
    } catch (error) {
      if (sqlState(error) !== '42P04') throw error; // created concurrently
      await checkExisting(pool, name, owner, mark);
    }
  }
  await writeResourceMark(pool, 'DATABASE', name, mark);
  await pool.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
  // Schema ownership is per database: it needs a session in the new database.
  const client = new pg.Client({ connectionString: connectionWithDatabase(adminUrl, name), options: '-c search_path=pg_catalog,pg_temp' });
  await client.connect();
  try {
    await client.query(`ALTER SCHEMA public OWNER TO ${ownerRole}`);
    await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
  } finally {
    await client.end();
  }
}

/** false = absent; true = present, ours; throws if present with another owner or another mark. */
async function checkExisting(pool: pg.Pool, name: string, owner: string, mark: string): Promise<boolean> {
  const { rows } = await pool.query<{ owner: string }>(
    'SELECT pg_catalog.pg_get_userbyid(datdba) AS owner FROM pg_catalog.pg_database WHERE datname = $1',
    [name],
  );
  if (rows.length === 0) return false;
  if (rows[0]!.owner !== owner) throw new DatabaseOwnerMismatchError(name, rows[0]!.owner, owner);
  const found = await readResourceMark(pool, 'DATABASE', name);
  if (found && found.mark !== null) assertMarked('DATABASE', name, found, mark);
  return true;
}
