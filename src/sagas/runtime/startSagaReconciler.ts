import type { SagaSchedule } from '../../ports/sagaSchedule';
export interface UnfinishedSaga {
  streamName: string; sagaName: string; sagaId: string; subjectId: string; tenantId: string | null; input: unknown;
  triggerEventId: string; correlationId: string; startedAt: Date;
}

export interface SagaReconcilerOptions {
  schedule: SagaSchedule;
  /** Unfinished sagas of these kinds as the event store says (the `sagas` read model, which indexes a
   * saga from its trigger on), due now, oldest first. */
  unfinished: (sagaNames: readonly string[], limit: number) => Promise<UnfinishedSaga[]>;
  sagaNames: readonly string[];
  /** A saga is the reconciler's only once its trigger is this old: younger ones are the bus's. */
  afterMs: number;
  intervalMs: number;
  wake: () => void;
  logger?: { error(details: object, message: string): void };
}

/**
 * Finds sagas whose trigger never reached the schedule (broker purged, queue deleted, a worker that
 * died between the two) and schedules them. Without a broker (BUS_ENABLED=false) it is the only
 * trigger path, with afterMs 0. Scheduling is idempotent, so racing the bus is harmless.
 */
export function startSagaReconciler(options: SagaReconcilerOptions): { reconcile(): Promise<number>; stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<number> | null = null;
  const reconcile = async (): Promise<number> => {
    const found = await options.unfinished(options.sagaNames, 500);
    const now = Date.now();
    let scheduled = 0;
    for (const saga of found) {
      if (now - saga.startedAt.getTime() < options.afterMs) continue;
      await options.schedule.add({ ...saga, triggeredAt: saga.startedAt, dueAt: new Date() });
      scheduled += 1;
    }
    if (scheduled > 0) options.wake();
    return scheduled;
  };
  const once = () => (running ??= reconcile().finally(() => { running = null; }));
  const timer = setInterval(() => {
    if (!stopped) once().catch((error: unknown) => options.logger?.error({ err: error }, 'saga reconciliation failed'));
  }, options.intervalMs);
  void once().catch((error: unknown) => options.logger?.error({ err: error }, 'saga reconciliation failed'));
  return {
    reconcile: once,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
