import type pg from 'pg';
import type { CommandLog } from '../../ports/commandLog';
import type { CommandResult } from '../../commands/commandEnvelope';
import { runMigration } from '../postgres/runMigration';

/** `command_results` keeps commands that appended nothing; commands that appended are found through
 * their events by `metadata->>'commandId'` (indexed; the metadata also carries the command's type and
 * fingerprint), so the hot path writes one commit, not two. */
export async function migrateCommandLog(pool: pg.Pool, eventStoreSchema: string): Promise<void> {
  await runMigration(pool, `migrateCommandLog:${eventStoreSchema}`, async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS "${eventStoreSchema}".command_results (
      command_id text PRIMARY KEY,
      command_type text NOT NULL,
      fingerprint text NOT NULL,
      result jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await client.query(`CREATE INDEX IF NOT EXISTS events_command_id_idx ON "${eventStoreSchema}".events ((metadata->>'commandId'))`);
  });
}

interface FoundRow {
  command_type: string;
  fingerprint: string | null;
  result: CommandResult;
  recorded_at: Date | null;
}

export interface PostgresCommandLogOptions {
  /** The events are in this schema's `events` table (the PostgreSQL event store, the default): commands
   * that appended are found through them. false (another event store): every result is recorded. */
  findThroughEvents?: boolean;
}

export function createPostgresCommandLog(pool: pg.Pool, eventStoreSchema: string, { findThroughEvents = true }: PostgresCommandLogOptions = {}): CommandLog {
  const results = `"${eventStoreSchema}".command_results`;
  const events = `"${eventStoreSchema}".events`;
  const fromResults = `SELECT command_type, fingerprint, result, created_at AS recorded_at FROM ${results} WHERE command_id = $1`;
  const findSql = !findThroughEvents ? fromResults : `
    (${fromResults})
    UNION ALL
    (SELECT metadata->>'commandType', metadata->>'commandFingerprint',
            jsonb_build_object('commandId', $1::text, 'streamName', stream_name, 'nextExpectedVersion', stream_position,
              'position', jsonb_build_object('transactionId', transaction_id::text::bigint, 'globalPosition', global_position)),
            coalesce((metadata->>'occurredAt')::timestamptz, created_at)
       FROM ${events} WHERE metadata->>'commandId' = $1 ORDER BY global_position DESC LIMIT 1)
    LIMIT 1`;
  return {
    async find(commandId) {
      // A named statement is planned once per connection: planning this UNION costs more than running it.
      const { rows } = await pool.query<FoundRow>({ name: `commandLog.${eventStoreSchema}.find${findThroughEvents ? '' : 'Recorded'}`, text: findSql, values: [commandId] });
      const row = rows[0];
      return row ? { commandType: row.command_type ?? '', fingerprint: row.fingerprint, result: row.result, recordedAt: row.recorded_at } : null;
    },
    async record(commandId, entry, appendedEvents) {
      if (appendedEvents && findThroughEvents) return;
      await pool.query(
        `INSERT INTO ${results} (command_id, command_type, fingerprint, result) VALUES ($1, $2, $3, $4)
         ON CONFLICT (command_id) DO NOTHING`,
        [commandId, entry.commandType, entry.fingerprint, JSON.stringify(entry.result)],
      );
    },
  };
}
