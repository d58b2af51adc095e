import type pg from 'pg';
import { ResourceNotOursError } from '../../ports/postgresAdminErrors';
import { quoteIdentifier } from './quoteIdentifier';

type Kind = 'ROLE' | 'DATABASE';
/** shobj_description names the catalogue the comment belongs to (pg_authid for roles); the rows are
 * read from pg_roles, which a non-superuser admin may read (pg_authid it may not). */
const catalogue: Record<Kind, { view: string; commentCatalogue: string; nameColumn: string }> = {
  ROLE: { view: 'pg_catalog.pg_roles', commentCatalogue: 'pg_authid', nameColumn: 'rolname' },
  DATABASE: { view: 'pg_catalog.pg_database', commentCatalogue: 'pg_database', nameColumn: 'datname' },
};

/** The mark (COMMENT ON) the platform puts on a role or database it creates, read back before it
 * touches one that exists: a step never adopts what it did not create (docs/security.md, finding 1).
 * null = no such resource. */
export async function readResourceMark(pool: pg.Pool | pg.PoolClient, kind: Kind, name: string): Promise<{ mark: string | null } | null> {
  const { view, commentCatalogue, nameColumn } = catalogue[kind];
  const { rows } = await pool.query<{ mark: string | null }>(
    `SELECT pg_catalog.shobj_description(oid, '${commentCatalogue}') AS mark FROM ${view} WHERE ${nameColumn} = $1`, [name]);
  return rows[0] ? { mark: rows[0].mark } : null;
}

/** Fails unless the existing resource carries exactly this mark. */
export function assertMarked(kind: Kind, name: string, found: { mark: string | null }, mark: string): void {
  if (found.mark !== mark) throw new ResourceNotOursError(kind.toLowerCase(), name);
}

export async function writeResourceMark(pool: pg.Pool | pg.PoolClient, kind: Kind, name: string, mark: string): Promise<void> {
  await pool.query(`COMMENT ON ${kind} ${quoteIdentifier(name)} IS ${quoteLiteral(mark)}`);
}

function quoteLiteral(value: string): string {
  if (!/^[A-Za-z0-9:_.-]+$/.test(value)) throw new Error('a resource mark is made of letters, digits and :_.- only');
  return `'${value}'`;
}
