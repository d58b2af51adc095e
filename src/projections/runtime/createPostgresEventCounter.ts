import { sql } from 'kysely';
import type { LogPosition } from '../../ports/eventStore';
import type { ProjectionDb } from './projection';

/** Counts committed events after a position (null = all of them). */
export type EventCounter = (after: LogPosition | null) => Promise<number>;

/** Counter over the PostgreSQL event store's `events` table (docs/architecture.md, Event store), for rebuild
 * progress and projection lag. The EventStore port has no count, and reading `$all` to count would
 * cost what the rebuild itself costs; this is one index range scan, capped at `limit`. */
export function createPostgresEventCounter(db: ProjectionDb, eventStoreSchema: string, limit = 10_000_000): EventCounter {
  return async (after) => {
    const { rows } = await sql<{ count: string }>`
      SELECT count(*) AS count FROM (
        SELECT 1 FROM ${sql.id(eventStoreSchema, 'events')}
        WHERE (transaction_id, global_position) > (${String(after?.transactionId ?? 0)}::xid8, ${after?.globalPosition ?? 0}::bigint)
        LIMIT ${limit}
      ) AS behind`.execute(db);
    return Number(rows[0]?.count ?? 0);
  };
}
