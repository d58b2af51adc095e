import type pg from 'pg';
import type { CommandLog } from '../../commands/commandLog';

export async function migrateCommandLog(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".command_results (
    command_id text PRIMARY KEY,
    command_type text NOT NULL,
    fingerprint text NOT NULL,
    result jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export function createPostgresCommandLog(pool: pg.Pool, schema: string): CommandLog {
  const table = `"${schema}".command_results`;
  return {
    async find(commandId) {
      const { rows } = await pool.query<{ command_type: string; fingerprint: string; result: never }>(
        `SELECT command_type, fingerprint, result FROM ${table} WHERE command_id = $1`,
        [commandId],
      );
      const row = rows[0];
      return row ? { commandType: row.command_type, fingerprint: row.fingerprint, result: row.result } : null;
    },
    async record(commandId, entry) {
      await pool.query(
        `INSERT INTO ${table} (command_id, command_type, fingerprint, result) VALUES ($1, $2, $3, $4)
         ON CONFLICT (command_id) DO NOTHING`,
        [commandId, entry.commandType, entry.fingerprint, JSON.stringify(entry.result)],
      );
    },
  };
}
