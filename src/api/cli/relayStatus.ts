import type pg from 'pg';
import { readRelayStatus } from '../../adapters/bus/readRelayStatus';
import { formatLogPosition } from '../../ports/logPosition';
import type { Config } from '../../config';

export interface RelayStatusDeps {
  config: Pick<Config, 'BUS_SCHEMA' | 'EVENTSTORE_SCHEMA'>;
  pool: pg.Pool;
}

/** `relay status`: checkpoint, whether a relay holds the lock, and the lag in events and seconds. */
export async function relayStatus(deps: RelayStatusDeps, options: { relay?: string; json?: boolean }, write: (line: string) => void): Promise<void> {
  const status = await readRelayStatus(deps.pool, { busSchema: deps.config.BUS_SCHEMA, eventStoreSchema: deps.config.EVENTSTORE_SCHEMA, relay: options.relay });
  if (options.json) {
    write(JSON.stringify({ ...status, checkpoint: status.checkpoint ? formatLogPosition(status.checkpoint) : null }));
    return;
  }
  write(`relay:       ${status.relay} (${status.active ? 'active' : 'no relay holds the lock'})`);
  write(`checkpoint:  ${status.checkpoint ? formatLogPosition(status.checkpoint) : 'none yet'}${status.checkpointedAt ? ` at ${status.checkpointedAt.toISOString()}` : ''}`);
  write(`lag:         ${status.lagEvents} events, ${status.lagSeconds.toFixed(1)} s`);
}
