import type pg from 'pg';
import type { EventStore } from '../adapters/eventstore/eventStore';
import type { ProjectionDb } from '../projections/runtime/projection';
import type { ProjectionLogger } from '../projections/runtime/projectionLogger';
import { ensureProjection } from '../projections/runtime/ensureProjection';
import { startProjectionRunner, type ProjectionRunner } from '../projections/runtime/startProjectionRunner';
import { sagasProjection } from '../projections/sagas/sagasProjection';
import type { SagaRuntimeSettings } from '../sagas/runtime/runSaga';
import { startSagaProcessor, type SagaProcessor, type SagaProcessorOptions } from '../sagas/runtime/startSagaProcessor';

export interface SagaWorkerOptions {
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  readModelSchema: string;
  definitions: SagaProcessorOptions['definitions'];
  runtime: SagaRuntimeSettings;
  concurrency: number;
  pollIntervalMs: number;
  /** The `sagas` projection's runner when the platform already runs it (its moves wake the
   * processor); otherwise this worker starts one (leader-elected, so extra ones only wait). */
  sagasRunner?: ProjectionRunner;
  logger?: SagaProcessorOptions['logger'] & ProjectionLogger;
}

export interface SagaWorker {
  processor: SagaProcessor;
  stop(): Promise<void>;
}

/** A saga processor fed by the `sagas` read model (its to-do list), woken whenever that projection
 * moves. Several workers may run it at once: each saga runs under its own advisory lock. */
export async function startSagaWorker(options: SagaWorkerOptions): Promise<SagaWorker> {
  await ensureProjection(options.db, sagasProjection, options.readModelSchema);
  const processor = startSagaProcessor({
    pool: options.pool, db: options.db, readModelSchema: options.readModelSchema, store: options.store,
    definitions: options.definitions, settings: options.runtime, concurrency: options.concurrency,
    pollIntervalMs: options.pollIntervalMs, ...(options.logger ? { logger: options.logger } : {}),
  });
  const runner = options.sagasRunner ?? startProjectionRunner({
    db: options.db, pool: options.pool, store: options.store, projection: sagasProjection, schema: options.readModelSchema,
    idlePollMs: options.pollIntervalMs, leadershipRetryMs: 500, ...(options.logger ? { logger: options.logger } : {}),
  });
  const unsubscribe = runner.onCheckpoint(() => processor.wake());
  return {
    processor,
    async stop() {
      unsubscribe();
      await processor.stop();
      if (!options.sagasRunner) await runner.stop();
    },
  };
}
