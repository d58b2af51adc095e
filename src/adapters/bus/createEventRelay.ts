import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { EventStore, LogPosition } from '../../ports/eventStore';
import { relayActive, relayFailuresTotal, relayLagSeconds } from '../../observability/busMetrics';
import { acquireAdvisoryLock } from './acquireAdvisoryLock';
import type { BusNames } from '../../ports/busNames';
import { declareEventsExchange } from './declareEventTopology';
import { openManagedChannel } from './openManagedChannel';
import { relayCheckpoints } from './relayCheckpoints';
import { relayLockKey } from './relayLockKey';
import { runRelaySession } from './runRelaySession';

export interface EventRelayOptions {
  store: EventStore;
  /** Platform database: the lock connection and the checkpoint (schema from migrateBus). */
  pool: pg.Pool;
  schema: string;
  connection: AmqpConnectionManager;
  names: BusNames;
  /** Names the checkpoint and the lock; one active relay per name. */
  relay?: string;
  window: number;
  confirmTimeoutMs: number;
  /** How often a standby tries to take the lock over. */
  lockRetryMs?: number;
  restartDelayMs?: number;
  logger?: Logger;
  /** Test seam: runs after the confirms, before the checkpoint is written. */
  hooks?: { beforeCheckpoint?(position: LogPosition): void | Promise<void> };
}

export interface EventRelay {
  /** True while this process holds the lock and relays. */
  isActive(): boolean;
  /** Finish in-flight confirms, save the checkpoint, release the lock. */
  stop(): Promise<void>;
}

/** The event store is the outbox (docs/architecture.md, Bus): one active relay publishes `$all` to the events
 * exchange and checkpoints only what the broker confirmed. Anything unconfirmed when a session
 * fails — channel lost, nack, confirm timeout, lock lost — is published again by the next session. */
export function startEventRelay(options: EventRelayOptions): EventRelay {
  const relay = options.relay ?? 'default';
  const log = options.logger?.child({ component: 'relay', relay });
  const checkpoints = relayCheckpoints(options.schema);
  const restartDelayMs = options.restartDelayMs ?? 200;
  let stopped = false;
  let active = false;
  let signalStop: () => void = () => undefined;
  const stopRequested = new Promise<'stop'>((resolve) => (signalStop = () => resolve('stop')));

  const managed = openManagedChannel(options.connection, {
    name: `relay:${relay}`,
    logger: options.logger,
    setup: (channel) => declareEventsExchange(channel, options.names),
  });

  const runWhileLocked = async (lock: NonNullable<Awaited<ReturnType<typeof acquireAdvisoryLock>>>): Promise<void> => {
    const lockLost = lock.lost.then(() => 'lost' as const);
    while (!stopped) {
      const channel = await Promise.race([managed.next(), stopRequested, lockLost]);
      if (channel === 'stop' || channel === 'lost') return;
      const after = await checkpoints.read(lock.client, relay);
      log?.info({ after }, 'relay session starting');
      const session = runRelaySession({
        relay,
        store: options.store,
        channel,
        exchange: options.names.eventsExchange,
        after,
        window: options.window,
        confirmTimeoutMs: options.confirmTimeoutMs,
        onReadError: (error) => log?.warn({ err: error }, 'reading $all failed; retrying'),
        saveCheckpoint: async (position, event) => {
          await options.hooks?.beforeCheckpoint?.(position);
          await checkpoints.write(lock.client, relay, position);
          relayLagSeconds.set({ relay }, Math.max(0, (Date.now() - event.createdAt.getTime()) / 1000));
        },
      });
      const outcome = await Promise.race([session.failed.catch((error: unknown) => error as Error), stopRequested, lockLost]);
      await session.stop();
      if (outcome === 'stop' || outcome === 'lost') return;
      relayFailuresTotal.inc({ relay, reason: outcome.name });
      log?.warn({ err: outcome }, 'relay session failed; restarting from the checkpoint');
      // A channel that failed to confirm is not trusted again: a fresh one is opened.
      await channel.close().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, restartDelayMs));
    }
  };

  const running = (async () => {
    while (!stopped) {
      const lock = await acquireAdvisoryLock(options.pool, relayLockKey(options.schema, relay), {
        retryMs: options.lockRetryMs ?? 1000,
        stopped: () => stopped,
        onError: (error) => log?.warn({ err: error }, 'relay lock connection failed'),
      });
      if (!lock) return;
      active = true;
      relayActive.set({ relay }, 1);
      log?.info('relay lock acquired; relaying');
      try {
        await runWhileLocked(lock);
      } catch (error) {
        log?.error({ err: error }, 'relay failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, restartDelayMs));
      } finally {
        active = false;
        relayActive.set({ relay }, 0);
        await lock.release();
      }
    }
  })();

  return {
    isActive: () => active,
    async stop() {
      stopped = true;
      signalStop();
      await running;
      await managed.close();
    },
  };
}
