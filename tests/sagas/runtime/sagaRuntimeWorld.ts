import { createInMemoryEventStore } from '../../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import type { EventStore, RecordedEvent } from '../../../src/ports/eventStore';
import { runSaga, type RunSagaResult, type SagaRuntimeSettings } from '../../../src/sagas/runtime/runSaga';
import type { SagaDefinition } from '../../../src/sagas/runtime/sagaDefinition';
import { sagaStreamName } from '../../../src/domain/saga/sagaStreamName';

export const sagaId = '0193a1b2-0000-7000-8000-000000000001';

/** A saga runtime on the in-memory event store, with a clock the test moves (deferrals, pauses). */
export interface SagaRuntimeWorld {
  store: EventStore;
  clock: { now: Date; advance(ms: number): void };
  settings: SagaRuntimeSettings;
  /** One run of the saga, as a processor holding its lock does it (`store`: another one in front of the same events). */
  run<Input>(definition: SagaDefinition<Input>, input: Input, store?: EventStore): Promise<RunSagaResult>;
  events(definition: { name: string }): Promise<RecordedEvent[]>;
}

export function createSagaRuntimeWorld(settings: Partial<SagaRuntimeSettings> = {}): SagaRuntimeWorld {
  const store = createInMemoryEventStore();
  const clock = {
    now: new Date('2030-01-01T00:00:00Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const runtime: SagaRuntimeSettings = { maxAttempts: 3, retryBaseMs: 1, pauseMs: 60_000, now: () => clock.now, ...settings };
  return {
    store,
    clock,
    settings: runtime,
    run: (definition, input, via = store) => runSaga(via, definition, sagaId, {
      subjectId: 'subject-1', tenantId: null, input, triggerEventId: 'trigger-1', triggeredAt: clock.now.toISOString(), correlationId: 'correlation-1',
    }, runtime),
    events: (definition) => store.readStream(sagaStreamName(definition.name, sagaId)),
  };
}

/** The saga's events as `type` or `type:step`, to compare whole streams at a glance. */
export function summarise(events: RecordedEvent[]): string[] {
  return events.map((event) => {
    const step = (event.data as { step?: string }).step;
    return step ? `${event.type}:${step}` : event.type;
  });
}
