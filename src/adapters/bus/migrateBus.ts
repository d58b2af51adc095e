import pg from 'pg';

/** The bus's tables in the platform database: the relay checkpoint and the consumers' inbox.
 * Idempotent, and serialised by an advisory lock because CREATE ... IF NOT EXISTS still races. */
export async function migrateBus(pool: pg.Pool, schema: string): Promise<void> {
  const s = pg.escapeIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('migrateBus:' || $1::text))`, [schema]);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.relay_checkpoints (
        relay text PRIMARY KEY,
        transaction_id bigint NOT NULL,
        global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One row per message a consumer group has applied, written in the handler's transaction.
      CREATE TABLE IF NOT EXISTS ${s}.inbox (
        consumer text NOT NULL,
        message_id text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      );
    `);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
