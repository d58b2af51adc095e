import type pg from 'pg';
import type { EventStore, LogPosition, RecordedEvent, Subscription } from '../../ports/eventStore';
import { createWakeSignal } from '../../ports/wakeSignal';
import { formatLogPosition } from '../../ports/logPosition';
import { applyBatch } from './applyBatch';
import { ensureProjection } from './ensureProjection';
import type { Projection, ProjectionDb } from './projection';
import { silentLogger, type ProjectionLogger } from './projectionLogger';
import { projectionLockKey } from './projectionLockKey';
import { servingTableNames } from './servingTableNames';
import { tryAdvisoryLock, type AdvisoryLock } from './tryAdvisoryLock';

export interface ProjectionRunnerOptions {
  db: ProjectionDb;
  /** Source of the dedicated leadership connection (pg's own options are reused). */
  pool: pg.Pool;
  store: EventStore;
  projection: Projection;
  /** Read-model schema holding the projection's tables and `projection_checkpoints`. */
  schema: string;
  /** Events per read and per transaction. */
  batchSize?: number;
  logger?: ProjectionLogger;
  /** How often a runner that is not the leader tries to take over. */
  leadershipRetryMs?: number;
  /** Upper bound on idle time when no wake-up arrives from the store's subscription. */
  idlePollMs?: number;
  /** Longest wait between retries of a failing read or batch. */
  maxErrorBackoffMs?: number;
}

export interface ProjectionRunner {
  readonly name: string;
  /** Last checkpoint this runner read or applied (null before it first led). */
  checkpoint(): LogPosition | null;
  isLeader(): boolean;
  /** In-process notification after each checkpoint move; returns an unsubscribe function. */
  onCheckpoint(listener: (position: LogPosition) => void): () => void;
  /** Finishes the batch in flight, releases leadership. */
  stop(): Promise<void>;
}

/** Runs one projection: takes leadership (advisory lock on its own connection), then reads `$all`
 * from the checkpoint and applies batches, each in one transaction with its checkpoint. When caught
 * up it sleeps until the store's subscription reports a new event (a doorbell: the runner still
 * reads in batches itself), with `idlePollMs` as a fallback. */
export function startProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { db, pool, store, projection, schema } = options;
  const batchSize = options.batchSize ?? 1000;
  const logger = options.logger ?? silentLogger;
  const leadershipRetryMs = options.leadershipRetryMs ?? 1000;
  const idlePollMs = options.idlePollMs ?? 1000;
  const maxErrorBackoffMs = options.maxErrorBackoffMs ?? 30_000;
  const tables = servingTableNames(projection, schema);
  const log = { projection: projection.name, schema };
  // `wake`: new events may exist (store subscription, stop, lost lock). `interrupt`: only stop, so
  // error back-off and leadership retries are not cut short by every append.
  const wake = createWakeSignal();
  const interrupt = createWakeSignal();
  const listeners = new Set<(position: LogPosition) => void>();
  let stopped = false;
  let leader = false;
  let position: LogPosition | null = null;

  const advance = (next: LogPosition | null): void => {
    position = next;
    if (!next) return;
    for (const listener of listeners) {
      try {
        listener(next);
      } catch (error) {
        logger.error({ ...log, err: error }, 'projection checkpoint listener failed');
      }
    }
  };

  const lead = async (lock: AdvisoryLock): Promise<void> => {
    const checkpoint = await ensureProjection(db, projection, schema);
    if (checkpoint.version !== projection.version) {
      logger.warn({ ...log, stored: checkpoint.version, code: projection.version }, 'projection version changed: rebuild it');
    }
    advance(checkpoint.position);
    logger.info({ ...log, checkpoint: position && formatLogPosition(position) }, 'projection runner is leader');
    let doorbell: Subscription | null = null;
    let backoffMs = 0;
    try {
      while (!stopped && !lock.isLost()) {
        let events: RecordedEvent[];
        try {
          events = await store.readAll({ after: position, maxCount: batchSize });
          if (events.length > 0) {
            const result = await applyBatch({ db, projection, schema, tables, from: position, events });
            if (!result.applied) {
              // A rebuild swapped tables or another runner wrote: continue from what is stored.
              if (!result.current) throw new Error(`Checkpoint row of projection ${projection.name} disappeared`);
              logger.info({ ...log, checkpoint: result.current.position && formatLogPosition(result.current.position) }, 'projection checkpoint moved elsewhere');
              advance(result.current.position);
              continue;
            }
            advance(result.position);
          }
          backoffMs = 0;
        } catch (error) {
          // Transient (connection) or a failing handler: retrying the same batch is the only option
          // that neither skips nor repeats; the lag shows a poison event.
          backoffMs = Math.min(Math.max(backoffMs * 2, 100), maxErrorBackoffMs);
          logger.error({ ...log, err: error, retryInMs: backoffMs }, 'projection batch failed');
          await interrupt.wait(backoffMs);
          continue;
        }
        if (events.length < batchSize) {
          doorbell ??= store.subscribeToAll({
            after: position,
            onEvent: async () => wake.signal(),
            onError: (error) => logger.warn({ ...log, err: error }, 'projection wake-up subscription error'),
          });
          await wake.wait(idlePollMs);
        }
      }
    } finally {
      await doorbell?.stop();
    }
  };

  const run = async (): Promise<void> => {
    while (!stopped) {
      let lock: AdvisoryLock | null = null;
      try {
        lock = await tryAdvisoryLock(pool, projectionLockKey(schema, projection.name));
      } catch (error) {
        logger.warn({ ...log, err: error }, 'projection leadership attempt failed');
      }
      if (!lock) {
        await interrupt.wait(leadershipRetryMs);
        continue;
      }
      lock.onLost((error) => {
        logger.warn({ ...log, err: error }, 'projection leadership lost');
        wake.signal();
      });
      leader = true;
      let failed = false;
      try {
        await lead(lock);
      } catch (error) {
        failed = true;
        logger.error({ ...log, err: error }, 'projection runner failed; will retry');
      } finally {
        leader = false;
        await lock.release();
      }
      // After a failure or a lost connection, step back so a healthier runner can take over.
      if ((failed || lock.isLost()) && !stopped) await interrupt.wait(leadershipRetryMs);
    }
  };

  const running = run();
  return {
    name: projection.name,
    checkpoint: () => position,
    isLeader: () => leader,
    onCheckpoint(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      wake.signal();
      interrupt.signal();
      await running;
    },
  };
}
