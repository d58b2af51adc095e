import type pg from 'pg';
import type { EventConsumerDefinition } from '../ports/eventConsumer';
import type { EventStore } from '../ports/eventStore';
import { createPostgresSagaSchedule, migrateSagaSchedule } from '../adapters/sagas/createPostgresSagaSchedule';
import type { ProjectionDb } from '../projections/runtime/projection';
import type { ProjectionLogger } from '../projections/runtime/projectionLogger';
import { ensureProjection } from '../projections/runtime/ensureProjection';
import { startProjectionRunner, type ProjectionRunner } from '../projections/runtime/startProjectionRunner';
import { dueSagas } from '../projections/sagas/querySagas';
import { sagasProjection } from '../projections/sagas/sagasProjection';
import type { SagaRuntimeSettings } from '../sagas/runtime/runSaga';
import { sagaTriggerConsumer } from '../sagas/runtime/sagaTriggerConsumer';
import type { SagaTrigger } from '../domain/saga/sagaTrigger';
import { startSagaProcessor, type SagaProcessor, type SagaProcessorOptions } from '../sagas/runtime/startSagaProcessor';
import { startSagaReconciler } from '../sagas/runtime/startSagaReconciler';

export interface SagaReconcileSettings {
  intervalMs: number;
  /** A saga is the reconciler's once its trigger is this old (0 without a broker: it is the trigger path). */
  afterMs: number;
}

export interface SagaWorkerOptions {
  pool: pg.Pool;
  /** Each running saga holds its advisory lock on a connection of this pool for its whole run: a
   * pool of its own, so running sagas never starve the queries they and everything else make. */
  lockPool?: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  readModelSchema: string;
  /** Schema of the saga schedule (with the secrets and claims). */
  sagaSchema: string;
  definitions: SagaProcessorOptions['definitions'];
  /** The events that start these sagas, and the consumer group they arrive through. */
  triggers: readonly SagaTrigger[];
  consumerGroup: string;
  runtime: SagaRuntimeSettings;
  concurrency: number;
  pollIntervalMs: number;
  /** Without it: no broker, the reconciler feeds the schedule as the `sagas` read model moves. */
  reconcile?: SagaReconcileSettings;
  /** The `sagas` projection's runner when the platform already runs it; otherwise this worker starts
   * one (leader-elected, so extra ones only wait). */
  sagasRunner?: ProjectionRunner;
  logger?: SagaProcessorOptions['logger'] & ProjectionLogger;
}

/** What the worker of one kind of saga takes: everything but the sagas, which it supplies itself. */
export type SagaKindWorkerOptions = Omit<SagaWorkerOptions, 'definitions' | 'triggers' | 'consumerGroup' | 'logger'> & {
  logger?: SagaProcessorOptions['logger'] & Partial<ProjectionLogger>;
};

export interface SagaWorker {
  processor: SagaProcessor;
  /** The consumer group feeding this worker's sagas from platform.events (the bus starts it). */
  consumer: EventConsumerDefinition;
  /** Schedules sagas whose trigger was lost; returns how many (tests, operators). */
  reconcile(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A saga processor fed through RabbitMQ (docs/decisions/033): trigger events arrive on the worker's
 * consumer group and go into the saga schedule, which is also every saga's durable timer; the
 * processor runs what is due. The `sagas` read model stays as the operators' view and as the
 * reconciler's safety net for triggers that never arrived. Several workers may run it at once:
 * each saga runs under its own advisory lock.
 */
export async function startSagaWorker(options: SagaWorkerOptions): Promise<SagaWorker> {
  await ensureProjection(options.db, sagasProjection, options.readModelSchema);
  await migrateSagaSchedule(options.pool, options.sagaSchema);
  const schedule = createPostgresSagaSchedule(options.pool, options.sagaSchema);
  const processor = startSagaProcessor({
    pool: options.lockPool ?? options.pool, schedule, store: options.store,
    definitions: options.definitions, settings: options.runtime, concurrency: options.concurrency,
    pollIntervalMs: options.pollIntervalMs, ...(options.logger ? { logger: options.logger } : {}),
  });
  const sagaNames = options.definitions.map((definition) => definition.name);
  const reconciler = startSagaReconciler({
    schedule, sagaNames, wake: () => processor.wake(),
    unfinished: async (names, limit) => dueSagas(options.db, options.readModelSchema, names, [], limit),
    afterMs: options.reconcile?.afterMs ?? 0, intervalMs: options.reconcile?.intervalMs ?? options.pollIntervalMs,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const runner = options.sagasRunner ?? startProjectionRunner({
    db: options.db, pool: options.pool, store: options.store, projection: sagasProjection, schema: options.readModelSchema,
    idlePollMs: options.pollIntervalMs, leadershipRetryMs: 500, ...(options.logger ? { logger: options.logger } : {}),
  });
  // Without a broker the read model is the trigger path: look as soon as it moves.
  const unsubscribe = options.reconcile ? () => undefined : runner.onCheckpoint(() => void reconciler.reconcile().catch(() => undefined));
  const consumer = sagaTriggerConsumer({
    group: options.consumerGroup, schedule, store: options.store, wake: () => processor.wake(),
    triggers: options.triggers.filter((trigger) => sagaNames.includes(trigger.sagaName)),
  });
  return {
    processor,
    consumer,
    reconcile: () => reconciler.reconcile(),
    async stop() {
      unsubscribe();
      await reconciler.stop();
      await processor.stop();
      if (!options.sagasRunner) await runner.stop();
    },
  };
}
