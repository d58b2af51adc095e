import type pg from 'pg';

export interface ReaderHoldBack {
  /** When the oldest transaction still holding an xid began (or was prepared). */
  since: Date;
  ageSeconds: number;
  /** null for a prepared (two-phase) transaction, which has no backend. */
  pid: number | null;
  database: string | null;
  state: string | null;
}

/** The transaction that currently holds back gap-safe `$all` readers: `pg_snapshot_xmin` is the
 * oldest running xid in the whole cluster (docs/architecture.md, Event store), so it may sit in any database. null
 * when no transaction holds an xid. Needs pg_read_all_stats (or superuser) to see other roles. */
export async function readerHeldBackSince(pool: pg.Pool): Promise<ReaderHoldBack | null> {
  const { rows } = await pool.query<{ since: Date; age_seconds: number; pid: number | null; database: string | null; state: string | null }>(`
    SELECT since, extract(epoch FROM now() - since)::float8 AS age_seconds, pid, database, state
    FROM (
      SELECT xact_start AS since, pid, datname::text AS database, state, age(backend_xid) AS xid_age
        FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
      UNION ALL
      SELECT prepared, NULL, database::text, 'prepared', age(transaction)
        FROM pg_prepared_xacts
    ) holders
    ORDER BY xid_age DESC
    LIMIT 1`);
  const row = rows[0];
  if (!row) return null;
  return { since: row.since, ageSeconds: Math.max(0, row.age_seconds), pid: row.pid, database: row.database, state: row.state };
}
