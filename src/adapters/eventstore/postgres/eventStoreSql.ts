import pg from 'pg';

// All SQL of the Postgres event store, schema-qualified, in one place. Identifiers are escaped
// because the schema name comes from config.

export function qualified(schema: string, name: string): string {
  return `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
}

/** NOTIFY channel for a schema. Channel names are identifiers (max 63 bytes); a truncated name
 * shared by two schemas would only cause extra wake-ups, never a missed event. */
export function appendedChannel(schema: string): string {
  return `${schema}_appended`.slice(0, 63);
}

/** Calls the function created by migrateEventStore. Parameters: stream name, expected version as
 * text ('no_stream' | 'any' | 'exists' | '<n>'), then parallel arrays of event ids, types, data, metadata. */
export function appendSql(schema: string): string {
  return `SELECT ok, actual_version, next_version, last_transaction_id, last_global_position
    FROM ${qualified(schema, 'append_to_stream')}($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])`;
}

const eventColumns = `global_position, transaction_id::text AS transaction_id, stream_name, stream_position,
  event_id, type, data, metadata, created_at`;

export function readStreamForwardsSql(schema: string): string {
  return `SELECT ${eventColumns} FROM ${qualified(schema, 'events')}
    WHERE stream_name = $1 AND stream_position >= $2 ORDER BY stream_position LIMIT $3`;
}

export function readStreamBackwardsSql(schema: string): string {
  return `SELECT ${eventColumns} FROM ${qualified(schema, 'events')}
    WHERE stream_name = $1 AND stream_position <= $2 ORDER BY stream_position DESC LIMIT $3`;
}

/** Gap-safe `$all` read (docs/architecture.md, Event store): only transactions older than every transaction still
 * running are visible, so a lower position can never appear after a higher one was returned. */
export function readAllSql(schema: string): string {
  return `SELECT ${eventColumns} FROM ${qualified(schema, 'events')}
    WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
      AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY transaction_id, global_position LIMIT $3`;
}

/** The events after a position, up to $3 of them (null: all), in the `$all` index; committed ones only,
 * like every read of this snapshot. */
export function backlogSql(schema: string): string {
  return `SELECT count(*)::int AS events, min(created_at) AS oldest_at FROM (
      SELECT created_at FROM ${qualified(schema, 'events')}
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
      ORDER BY transaction_id, global_position LIMIT $3) AS behind`;
}

export function streamVersionSql(schema: string): string {
  return `SELECT version FROM ${qualified(schema, 'streams')} WHERE stream_name = $1`;
}
