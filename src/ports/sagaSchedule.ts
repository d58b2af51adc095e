import type pg from 'pg';

/** A saga to run, as its trigger named it; `dueAt` is its durable timer (deferral, back-off, pause). */
export interface ScheduledSaga {
  streamName: string;
  sagaName: string;
  sagaId: string;
  subjectId: string;
  tenantId: string | null;
  input: unknown;
  triggerEventId: string;
  triggeredAt: Date;
  correlationId: string;
  dueAt: Date;
}

/**
 * The saga workers' to-do list and timers (docs/decisions/033): one row per unfinished saga, written
 * when its trigger arrives over RabbitMQ (in the consumer's inbox transaction) or when the reconciler
 * finds one whose trigger was lost, moved to the saga's next due time after every run, deleted when
 * it ends. Rows survive restarts: a deferral or back-off fires after any worker restart.
 */
export interface SagaSchedule {
  /** Idempotent: a trigger delivered twice schedules the saga once (an existing row is kept). */
  add(saga: ScheduledSaga, client?: pg.PoolClient): Promise<void>;
  /** Due rows of these kinds, oldest first, leaving out the streams named. */
  due(sagaNames: readonly string[], exclude: readonly string[], limit: number): Promise<ScheduledSaga[]>;
  /** The saga's next run (its timer). */
  reschedule(streamName: string, at: Date): Promise<void>;
  /** Due now (an operator's retry). */
  wakeUp(streamName: string): Promise<boolean>;
  remove(streamName: string): Promise<void>;
}
