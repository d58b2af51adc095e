import { formatLogPosition } from '../../ports/logPosition';
import type { RelayStatus } from '../../ports/relayStatus';

export interface RelayStatusDeps {
  /** Built by src/wiring/createCliContext (relayStatusReader). */
  readRelayStatus(relay: string | undefined): Promise<RelayStatus>;
}

/** `relay status`: checkpoint, whether a relay holds the lock, and the lag in events and seconds. */
export async function relayStatus(deps: RelayStatusDeps, options: { relay?: string; json?: boolean }, write: (line: string) => void): Promise<void> {
  const status = await deps.readRelayStatus(options.relay);
  if (options.json) {
    write(JSON.stringify({ ...status, checkpoint: status.checkpoint ? formatLogPosition(status.checkpoint) : null }));
    return;
  }
  write(`relay:       ${status.relay} (${status.active ? 'active' : 'no relay holds the lock'})`);
  write(`checkpoint:  ${status.checkpoint ? formatLogPosition(status.checkpoint) : 'none yet'}${status.checkpointedAt ? ` at ${status.checkpointedAt.toISOString()}` : ''}`);
  write(`lag:         ${status.lagEvents} events, ${status.lagSeconds.toFixed(1)} s`);
}
