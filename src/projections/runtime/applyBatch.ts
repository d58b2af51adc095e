import { sql } from 'kysely';
import type { LogPosition, RecordedEvent } from '../../adapters/eventstore/eventStore';
import { checkpointsRef, readCheckpoint, type ProjectionCheckpoint } from './projectionCheckpoint';
import type { Projection, ProjectionDb, TableNames } from './projection';

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
  return db.transaction().execute(async (trx): Promise<ApplyBatchResult> => {
    const moved = await sql`
      UPDATE ${checkpointsRef(schema)}
      SET transaction_id = ${last.position.transactionId}, global_position = ${last.position.globalPosition}, updated_at = now()
      WHERE name = ${projection.name}
        AND transaction_id = ${from?.transactionId ?? 0} AND global_position = ${from?.globalPosition ?? 0}`.execute(trx);
    if (Number(moved.numAffectedRows ?? 0) !== 1) {
      return { applied: false, current: await readCheckpoint(trx, schema, projection.name) };
    }
    await projection.handle(events, trx, tables);
    return { applied: true, position: last.position };
  });
}
