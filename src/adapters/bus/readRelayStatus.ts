import pg from 'pg';
import type { LogPosition } from '../../ports/eventStore';
import { relayCheckpoints } from './relayCheckpoints';
import { relayLockKey } from './relayLockKey';

export interface RelayStatus {
  relay: string;
  /** null: the relay has not checkpointed yet. */
  checkpoint: LogPosition | null;
  checkpointedAt: Date | null;
  /** Whether some process holds the relay lock right now. */
  active: boolean;
  /** Events in the store after the checkpoint. */
  lagEvents: number;
  /** Age of the oldest event after the checkpoint; 0 when there is none. */
  lagSeconds: number;
}

/** Reads the relay's state from the platform database; needs the Postgres event store's table to
 * count what is still to be relayed. */
export async function readRelayStatus(pool: pg.Pool, options: { busSchema: string; eventStoreSchema: string; relay?: string }): Promise<RelayStatus> {
  const relay = options.relay ?? 'default';
  const client = await pool.connect();
  try {
    const checkpoint = await relayCheckpoints(options.busSchema).read(client, relay);
    const { rows: [meta] } = await client.query<{ updated_at: Date | null; active: boolean }>(
      `SELECT (SELECT updated_at FROM ${pg.escapeIdentifier(options.busSchema)}.relay_checkpoints WHERE relay = $1) AS updated_at,
              EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted
                      AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($2, 0)) AS active`,
      [relay, relayLockKey(options.busSchema, relay)],
    );
    const { rows: [lag] } = await client.query<{ events: number; oldest: Date | null }>(
      `SELECT count(*)::int AS events, min(created_at) AS oldest FROM ${pg.escapeIdentifier(options.eventStoreSchema)}.events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)`,
      [String(checkpoint?.transactionId ?? 0), checkpoint?.globalPosition ?? 0],
    );
    return {
      relay,
      checkpoint,
      checkpointedAt: meta?.updated_at ?? null,
      active: meta?.active ?? false,
      lagEvents: lag?.events ?? 0,
      lagSeconds: lag?.oldest ? Math.max(0, (Date.now() - lag.oldest.getTime()) / 1000) : 0,
    };
  } finally {
    client.release();
  }
}
