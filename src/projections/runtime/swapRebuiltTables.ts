import { sql } from 'kysely';
import type { LogPosition } from '../../ports/eventStore';
import { formatLogPosition } from '../../ports/logPosition';
import type { Projection, ProjectionDb, ProjectionTransaction, TableNames } from './projection';
import { checkpointsRef, readCheckpoint } from './projectionCheckpoint';
import { isAtOrAfter } from './isAtOrAfter';

export interface SwapOptions {
  db: ProjectionDb;
  projection: Projection;
  schema: string;
  buildTables: TableNames;
  /** Position the build tables reflect. */
  from: LogPosition | null;
  catchUp(trx: ProjectionTransaction, after: LogPosition | null): Promise<{ position: LogPosition | null; eventsApplied: number }>;
  /** Attempts when the tables stay locked by long readers. */
  attempts?: number;
}

const lockNotAvailable = '55P03';

/** One transaction: lock the checkpoint row (the live runner's next batch blocks on it, so it is
 * paused without cross-process signalling), catch the new tables up to at least the live
 * checkpoint (readers never see the read model go back), drop the old tables, rename the new ones
 * to the logical names, and store the new checkpoint. The runner's compare-and-set then fails once
 * and it continues from the stored position. A short lock_timeout keeps API reads, which queue
 * behind the DROP's exclusive lock, from stalling long; the swap is retried instead. */
export async function swapRebuiltTables(options: SwapOptions): Promise<{ position: LogPosition | null; eventsApplied: number }> {
  const { db, projection, schema, buildTables } = options;
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL lock_timeout = '2s'`.execute(trx);
        const live = await readCheckpoint(trx, schema, projection.name, true);
        if (!live) throw new Error(`Checkpoint row of projection ${projection.name} missing`);
        const caughtUp = await options.catchUp(trx, options.from);
        if (!isAtOrAfter(caughtUp.position, live.position)) {
          throw new Error(`Rebuild of ${projection.name} ended at ${caughtUp.position ? formatLogPosition(caughtUp.position) : 'start'}, behind the live checkpoint`);
        }
        for (const table of projection.tables) {
          await sql`DROP TABLE IF EXISTS ${sql.id(schema, table)}`.execute(trx);
          await sql`ALTER TABLE ${sql.id(buildTables[table]!.schema, buildTables[table]!.name)} RENAME TO ${sql.id(table)}`.execute(trx);
        }
        await sql`UPDATE ${checkpointsRef(schema)} SET
            transaction_id = ${caughtUp.position?.transactionId ?? 0}, global_position = ${caughtUp.position?.globalPosition ?? 0},
            version = ${projection.version}, building_tables = NULL, building_started_at = NULL, rebuilt_at = now(), updated_at = now()
          WHERE name = ${projection.name}`.execute(trx);
        return caughtUp;
      });
    } catch (error) {
      if (attempt >= attempts || (error as { code?: string }).code !== lockNotAvailable) throw error;
    }
  }
}
