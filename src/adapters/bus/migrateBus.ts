import pg from 'pg';
import { runMigration } from '../postgres/runMigration';

/** The bus's tables in the platform database: the relay checkpoint and the consumers' inbox.
 * Idempotent, and serialised by an advisory lock because CREATE ... IF NOT EXISTS still races. */
export async function migrateBus(pool: pg.Pool, schema: string): Promise<void> {
  const s = pg.escapeIdentifier(schema);
  await runMigration(pool, `migrateBus:${schema}`, async (client) => {
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
  });
}
