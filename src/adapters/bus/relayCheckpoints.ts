import pg from 'pg';
import type { LogPosition } from '../../ports/eventStore';

/** Reads and writes the relay's checkpoint through whatever client holds the relay lock, so a
 * relay that lost its lock connection cannot move the checkpoint any more. */
export function relayCheckpoints(schema: string) {
  const table = `${pg.escapeIdentifier(schema)}.relay_checkpoints`;
  return {
    async read(client: pg.ClientBase, relay: string): Promise<LogPosition | null> {
      const { rows } = await client.query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id, global_position FROM ${table} WHERE relay = $1`,
        [relay],
      );
      const row = rows[0];
      return row ? { transactionId: Number(row.transaction_id), globalPosition: Number(row.global_position) } : null;
    },
    async write(client: pg.ClientBase, relay: string, position: LogPosition): Promise<void> {
      await client.query(
        `INSERT INTO ${table} (relay, transaction_id, global_position) VALUES ($1, $2, $3)
         ON CONFLICT (relay) DO UPDATE SET transaction_id = excluded.transaction_id,
           global_position = excluded.global_position, updated_at = now()`,
        [relay, position.transactionId, position.globalPosition],
      );
    },
  };
}
