import pg from 'pg';
import { qualified } from './eventStoreSql';
import { runMigration } from '../../postgres/runMigration';

/** Creates (idempotently) the event store schema (docs/architecture.md, Event store) and its append function. Safe
 * to run from several processes at once: an advisory lock serialises concurrent migrations, which
 * would otherwise race on the catalog even with IF NOT EXISTS. */
export async function migrateEventStore(pool: pg.Pool, schema: string): Promise<void> {
  const streams = qualified(schema, 'streams');
  const events = qualified(schema, 'events');
  await runMigration(pool, `migrateEventStore:${schema}`, async (client) => {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)};
      CREATE TABLE IF NOT EXISTS ${streams} (
        stream_name text PRIMARY KEY,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${events} (
        global_position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        stream_position bigint NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Also the index readStream uses, forwards and backwards.
        UNIQUE (stream_name, stream_position)
      );
      -- What makes gap-safe $all reads an index range scan instead of a sort of the whole table.
      CREATE INDEX IF NOT EXISTS events_transaction_id_global_position_idx
        ON ${events} (transaction_id, global_position);
      ${appendFunctionSql(schema)}
    `);
  });
}

// One round trip per append (docs/architecture.md, Event store). The compare-and-set is a single row write on
// `streams`: a concurrent writer blocks on the row and re-checks the version after the other
// commits (READ COMMITTED), so exactly one of two racing appends wins, and ON CONFLICT DO NOTHING
// turns a racing 'no_stream' create into a plain mismatch instead of a unique violation.
function appendFunctionSql(schema: string): string {
  const streams = qualified(schema, 'streams');
  const events = qualified(schema, 'events');
  return `
    CREATE OR REPLACE FUNCTION ${qualified(schema, 'append_to_stream')}(
      p_stream_name text, p_expected text,
      p_event_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
    ) RETURNS TABLE (ok boolean, actual_version bigint, next_version bigint,
                     last_transaction_id text, last_global_position bigint)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_count bigint := cardinality(p_types);
      v_next bigint;
      v_current bigint;
      v_last_position bigint;
    BEGIN
      IF p_expected = 'no_stream' THEN
        INSERT INTO ${streams} AS s (stream_name, version) VALUES (p_stream_name, v_count - 1)
          ON CONFLICT (stream_name) DO NOTHING RETURNING s.version INTO v_next;
      ELSIF p_expected = 'any' THEN
        INSERT INTO ${streams} AS s (stream_name, version) VALUES (p_stream_name, v_count - 1)
          ON CONFLICT (stream_name) DO UPDATE SET version = s.version + v_count, updated_at = now()
          RETURNING s.version INTO v_next;
      ELSIF p_expected = 'exists' THEN
        UPDATE ${streams} AS s SET version = s.version + v_count, updated_at = now()
          WHERE s.stream_name = p_stream_name RETURNING s.version INTO v_next;
      ELSE
        UPDATE ${streams} AS s SET version = s.version + v_count, updated_at = now()
          WHERE s.stream_name = p_stream_name AND s.version = p_expected::bigint RETURNING s.version INTO v_next;
      END IF;

      IF v_next IS NULL THEN
        SELECT s.version INTO v_current FROM ${streams} AS s WHERE s.stream_name = p_stream_name;
        RETURN QUERY SELECT false, coalesce(v_current, -1::bigint), NULL::bigint, NULL::text, NULL::bigint;
        RETURN;
      END IF;

      WITH inserted AS (
        INSERT INTO ${events} (stream_name, stream_position, event_id, type, data, metadata)
        SELECT p_stream_name, v_next - v_count + e.ord, e.event_id, e.type, e.data, e.metadata
          FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS e(event_id, type, data, metadata, ord)
          ORDER BY e.ord
        RETURNING global_position
      )
      SELECT max(global_position) INTO v_last_position FROM inserted;

      RETURN QUERY SELECT true, v_next, v_next, pg_current_xact_id()::text, v_last_position;
    END
    $fn$;`;
}
