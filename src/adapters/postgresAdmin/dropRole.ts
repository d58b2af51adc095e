import type pg from 'pg';
import { quoteIdentifier } from './quoteIdentifier';
import { readResourceMark } from './resourceMark';

/** Absent is fine. Drop the role's database first: a role that still owns one cannot be dropped.
 * With `mark`, a role that does not bear it is somebody else's and is left alone (a compensation
 * never drops what its step refused to adopt). */
export async function dropRole(pool: pg.Pool, name: string, mark?: string): Promise<void> {
  if (mark !== undefined && (await readResourceMark(pool, 'ROLE', name))?.mark !== mark) return;
  await pool.query(`DROP ROLE IF EXISTS ${quoteIdentifier(name)}`);
}
