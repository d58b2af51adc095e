import { sql } from 'kysely';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import type { Projection } from '../../../src/projections/runtime/projection';

export interface RecordingProjection extends Projection<'seen'> {
  /** Called per batch after the rows are written, before the transaction commits. */
  afterWrite?: (events: readonly RecordedEvent[]) => void | Promise<void>;
}

/** Test projection: one row per event, keyed by event id, so a duplicate application fails loudly
 * (primary key) and counting rows counts applications. */
export function createRecordingProjection(name = 'recording'): RecordingProjection {
  const projection: RecordingProjection = {
    name,
    version: 1,
    tables: ['seen'],
    async migrate(trx, tables) {
      await sql`CREATE TABLE ${sql.id(tables.seen.schema, tables.seen.name)} (
        event_id uuid PRIMARY KEY, global_position bigint NOT NULL, type text NOT NULL)`.execute(trx);
    },
    async handle(events, trx, tables) {
      await sql`INSERT INTO ${sql.id(tables.seen.schema, tables.seen.name)} (event_id, global_position, type)
        SELECT * FROM unnest(${events.map((e) => e.eventId)}::uuid[], ${events.map((e) => e.position.globalPosition)}::bigint[],
          ${events.map((e) => e.type)}::text[])`.execute(trx);
      await projection.afterWrite?.(events);
    },
  };
  return projection;
}
