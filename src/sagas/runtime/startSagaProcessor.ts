import type pg from 'pg';
import type { EventStore } from '../../adapters/eventstore/eventStore';
import { createWakeSignal } from '../../adapters/eventstore/createWakeSignal';
import { dueSagas } from '../../projections/sagas/querySagas';
import type { SagaView } from '../../projections/sagas/sagaView';
import type { ProjectionDb } from '../../projections/runtime/projection';
import type { SagaDefinition } from './sagaDefinition';
import { runSaga, type SagaLogger, type SagaRuntimeSettings } from './runSaga';

export interface SagaProcessorOptions {
  /** Platform database: each running saga holds an advisory lock on a client of this pool. */
  pool: pg.Pool;
  db: ProjectionDb;
  /** Schema of the `sagas` read model (the to-do list). */
  readModelSchema: string;
  store: EventStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definitions: ReadonlyArray<SagaDefinition<any>>;
  settings: SagaRuntimeSettings;
  /** Sagas run at once by this process. */
  concurrency: number;
  /** Fallback poll of the to-do list when nothing wakes the processor. */
  pollIntervalMs: number;
  logger?: SagaLogger & { error(details: object, message: string): void };
}

export interface SagaProcessor {
  /** Look at the to-do list now (e.g. after the sagas projection moved). */
  wake(): void;
  /** Streams this process is running now. */
  running(): string[];
  /** Lets running sagas finish their current step... then stops; a killed worker is fine too. */
  stop(): Promise<void>;
}

const LOCAL_MEMORY_MS = 5_000;

/**
 * Runs due sagas from the `sagas` read model. A saga runs only while this process holds its
 * advisory lock (several workers never run one saga at once); the first poll after a start is
 * the resume scan: every unfinished saga is due unless it is waiting for a backoff or a deferral.
 */
export function startSagaProcessor(options: SagaProcessorOptions): SagaProcessor {
  const definitions = new Map(options.definitions.map((definition) => [definition.name, definition]));
  const wake = createWakeSignal();
  const inFlight = new Map<string, Promise<void>>();
  // Local memory of what the (slightly lagging) read model does not show yet.
  const notBefore = new Map<string, number>();
  let stopped = false;

  const runOne = async (saga: SagaView): Promise<void> => {
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
          triggerEventId: saga.triggerEventId, triggeredAt: saga.startedAt.toISOString(), correlationId: saga.correlationId,
        }, options.settings);
        // Only long enough to cover the read model's lag: after that its retry_at governs, and an
        // operator's retry or cancel (which clears retry_at) is seen instead of waiting out a deferral.
        if (result.kind === 'later') notBefore.set(saga.streamName, Math.min(result.at.getTime(), Date.now() + LOCAL_MEMORY_MS));
        else if (result.kind === 'finished' || result.kind === 'missing') notBefore.set(saga.streamName, Date.now() + 60_000);
        else notBefore.delete(saga.streamName);
      } finally {
        if (!clientFailed) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => undefined);
      }
    } catch (error) {
      options.logger?.error({ err: error, saga: saga.sagaName, sagaId: saga.sagaId }, 'saga run failed; will retry');
      notBefore.set(saga.streamName, Date.now() + Math.max(options.pollIntervalMs, 1000));
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
          const due = await dueSagas(options.db, options.readModelSchema, [...definitions.keys()], exclude, free);
          for (const saga of due) {
            const run = runOne(saga).finally(() => {
              inFlight.delete(saga.streamName);
              wake.signal();
            });
            inFlight.set(saga.streamName, run);
          }
        }
      } catch (error) {
        options.logger?.error({ err: error }, 'saga to-do list read failed');
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
