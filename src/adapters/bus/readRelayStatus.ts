import pg from 'pg';
import type { EventStore } from '../../ports/eventStore';
import { relayCheckpoints } from './relayCheckpoints';
import { relayLockKey } from './relayLockKey';
import type { RelayStatus } from '../../ports/relayStatus';

/** Reads the relay's checkpoint and lock from the platform database, and what is still to be relayed
 * from the event store (any adapter). */
export async function readRelayStatus(pool: pg.Pool, store: Pick<EventStore, 'backlog'>, options: { busSchema: string; relay?: string }): Promise<RelayStatus> {
  const relay = options.relay ?? 'default';
  const { checkpoint, meta } = await readCheckpointAndLock(pool, options.busSchema, relay);
  // After the client went back to the pool: the store may need a connection of its own.
  const backlog = await store.backlog(checkpoint);
  return {
    relay,
    checkpoint,
    checkpointedAt: meta?.updated_at ?? null,
    active: meta?.active ?? false,
    lagEvents: backlog.events,
    lagSeconds: backlog.oldestAt ? Math.max(0, (Date.now() - backlog.oldestAt.getTime()) / 1000) : 0,
  };
}

async function readCheckpointAndLock(pool: pg.Pool, busSchema: string, relay: string) {
  const client = await pool.connect();
  try {
    const checkpoint = await relayCheckpoints(busSchema).read(client, relay);
    const { rows: [meta] } = await client.query<{ updated_at: Date | null; active: boolean }>(
      `SELECT (SELECT updated_at FROM ${pg.escapeIdentifier(busSchema)}.relay_checkpoints WHERE relay = $1) AS updated_at,
              EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted
                      AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($2, 0)) AS active`,
      [relay, relayLockKey(busSchema, relay)],
    );
    return { checkpoint, meta };
  } finally {
    client.release();
  }
}
