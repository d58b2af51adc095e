import { sql } from 'kysely';
import type { LogPosition, RecordedEvent } from '../../ports/eventStore';
import { checkpointsRef, readCheckpoint, type ProjectionCheckpoint } from './projectionCheckpoint';
import type { Projection, ProjectionDb, ProjectionTransaction, TableNames } from './projection';

export type ApplyBatchResult =
  | { applied: true; position: LogPosition }
  /** The checkpoint row no longer holds `from`: another runner or a rebuild moved it. */
  | { applied: false; current: ProjectionCheckpoint | null };

export interface ApplyBatchOptions {
  db: ProjectionDb;
  projection: Projection;
  schema: string;
  tables: TableNames;
  /** The checkpoint the events follow (null = start of `$all`). */
  from: LogPosition | null;
  events: readonly RecordedEvent[];
}

/** Applies a batch and moves the checkpoint in ONE transaction (exactly-once effect). The first
 * statement is a compare-and-set on the checkpoint row: it takes the row lock that serialises
 * runners and a rebuild's swap, and fences off a runner that lost leadership without noticing yet,
 * so the advisory lock is about who works, never about correctness. */
export async function applyBatch({ db, projection, schema, tables, from, events }: ApplyBatchOptions): Promise<ApplyBatchResult> {
  const last = events[events.length - 1];
  if (!last) throw new Error('applyBatch needs at least one event');
  const moveCheckpoint = async (executor: ProjectionDb | ProjectionTransaction): Promise<ApplyBatchResult | null> => {
    const moved = await sql`
      UPDATE ${checkpointsRef(schema)}
      SET transaction_id = ${last.position.transactionId}, global_position = ${last.position.globalPosition}, updated_at = now()
      WHERE name = ${projection.name}
        AND transaction_id = ${from?.transactionId ?? 0} AND global_position = ${from?.globalPosition ?? 0}`.execute(executor);
    return Number(moved.numAffectedRows ?? 0) === 1 ? null : { applied: false, current: await readCheckpoint(executor, schema, projection.name) };
  };
  // Nothing for these tables (most batches of most read models): the compare-and-set alone, one
  // round trip instead of three, and no transaction held open for other readers' gap-safe reads to wait on.
  if (!concernsProjection(projection, events)) return (await moveCheckpoint(db)) ?? { applied: true, position: last.position };
  return db.transaction().execute(async (trx): Promise<ApplyBatchResult> => {
    const refused = await moveCheckpoint(trx);
    if (refused) return refused;
    await projection.handle(events, trx, tables);
    return { applied: true, position: last.position };
  });
}

function concernsProjection(projection: Projection, events: readonly RecordedEvent[]): boolean {
  const categories = projection.streamCategories;
  if (!categories) return true;
  return events.some((event) => categories.some((category) => event.streamName.startsWith(`${category}-`)));
}
