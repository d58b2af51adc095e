import type pg from 'pg';

/** Bytes of each named database that exists (pg_database_size: the admin is a member of each owner). */
export async function databaseSizes(pool: pg.Pool, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const { rows } = await pool.query<{ name: string; bytes: string }>(
    'SELECT datname AS name, pg_catalog.pg_database_size(datname) AS bytes FROM pg_catalog.pg_database WHERE datname = ANY($1::text[])', [names]);
  return new Map(rows.map((row) => [row.name, Number(row.bytes)]));
}
