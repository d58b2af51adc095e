import type pg from 'pg';
import type { EventStore } from '../../ports/eventStore';
import { createWakeSignal } from '../../ports/wakeSignal';
import type { SagaSchedule, ScheduledSaga } from '../../ports/sagaSchedule';
import type { SagaDefinition } from './sagaDefinition';
import { runSaga, type SagaLogger, type SagaRuntimeSettings } from './runSaga';

export interface SagaProcessorOptions {
  /** Platform database: each running saga holds an advisory lock on a client of this pool. */
  pool: pg.Pool;
  /** The to-do list and durable timers, fed by the bus trigger and the reconciler. */
  schedule: SagaSchedule;
  store: EventStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definitions: ReadonlyArray<SagaDefinition<any>>;
  settings: SagaRuntimeSettings;
  /** Sagas run at once by this process. */
  concurrency: number;
  /** Poll of the to-do list for timers that came due (and when nothing wakes the processor). */
  pollIntervalMs: number;
  logger?: SagaLogger & { error(details: object, message: string): void };
}

export interface SagaProcessor {
  /** Look at the to-do list now (a trigger was just scheduled). */
  wake(): void;
  /** Streams this process is running now. */
  running(): string[];
  /** Lets running sagas finish their current step... then stops; a killed worker is fine too. */
  stop(): Promise<void>;
}

/**
 * Runs due sagas from the saga schedule (docs/decisions/033). A saga runs only while this process
 * holds its advisory lock (several workers never run one saga at once); after each run its row moves
 * to the saga's next due time (a deferral, a back-off: durable timers) or goes when it ended. The
 * first poll after a start is the resume scan: every row already due.
 */
export function startSagaProcessor(options: SagaProcessorOptions): SagaProcessor {
  const definitions = new Map(options.definitions.map((definition) => [definition.name, definition]));
  const wake = createWakeSignal();
  const inFlight = new Map<string, Promise<void>>();
  // Sagas another process holds right now: not asked for again at once.
  const notBefore = new Map<string, number>();
  let stopped = false;

  const runOne = async (saga: ScheduledSaga): Promise<void> => {
    const definition = definitions.get(saga.sagaName);
    if (!definition) return;
    const client = await options.pool.connect();
    let clientFailed = false;
    // Pooled clients are reused: the listener must go with this run, not pile up.
    const onClientError = () => {
      clientFailed = true;
    };
    client.on('error', onClientError);
    const key = `saga:${saga.streamName}`;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
      if (!rows[0]?.locked) {
        notBefore.set(saga.streamName, Date.now() + options.pollIntervalMs);
        return;
      }
      try {
        const input = saga.input as { tenantId?: string };
        const result = await runSaga(options.store, definition, saga.sagaId, {
          subjectId: saga.subjectId, tenantId: saga.tenantId ?? input.tenantId ?? null, input: saga.input,
          triggerEventId: saga.triggerEventId, triggeredAt: saga.triggeredAt.toISOString(), correlationId: saga.correlationId,
        }, options.settings);
        if (result.kind === 'later') await options.schedule.reschedule(saga.streamName, result.at);
        else if (result.kind === 'finished' || result.kind === 'missing') await options.schedule.remove(saga.streamName);
        // Fenced: someone else appended (an operator's cancel): run again to see where it stands.
        else await options.schedule.reschedule(saga.streamName, new Date(Date.now() + options.pollIntervalMs));
      } finally {
        if (!clientFailed) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => undefined);
      }
    } catch (error) {
      options.logger?.error({ err: error, saga: saga.sagaName, sagaId: saga.sagaId, correlationId: saga.correlationId }, 'saga run failed; will retry');
      await options.schedule.reschedule(saga.streamName, new Date(Date.now() + Math.max(options.pollIntervalMs, 1000))).catch(() => undefined);
    } finally {
      client.off('error', onClientError);
      client.release(clientFailed);
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const free = options.concurrency - inFlight.size;
        if (free > 0) {
          const now = Date.now();
          for (const [stream, at] of notBefore) if (at <= now) notBefore.delete(stream);
          const exclude = [...inFlight.keys(), ...notBefore.keys()];
          const due = await options.schedule.due([...definitions.keys()], exclude, free);
          for (const saga of due) {
            const run = runOne(saga).finally(() => {
              inFlight.delete(saga.streamName);
              wake.signal();
            });
            inFlight.set(saga.streamName, run);
          }
        }
      } catch (error) {
        options.logger?.error({ err: error }, 'saga schedule read failed');
      }
      const nextLocal = Math.min(...[...notBefore.values()].map((at) => at - Date.now()), options.pollIntervalMs);
      await wake.wait(Math.max(nextLocal, 10));
    }
  };

  const running = loop();
  return {
    wake: () => wake.signal(),
    running: () => [...inFlight.keys()],
    async stop() {
      stopped = true;
      wake.signal();
      await running;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
