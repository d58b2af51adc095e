import type { RecordedEvent } from '../../ports/eventStore';
import type { ScheduledSaga } from '../../ports/sagaSchedule';
import type { SagaTrigger } from '../../domain/saga/sagaTrigger';
import { sagaStreamName } from '../../domain/saga/sagaStreamName';

/** The saga a trigger event starts, due now: the same trigger always names the same saga. */
export function scheduledSagaOf(trigger: SagaTrigger, event: RecordedEvent): ScheduledSaga {
  const sagaId = trigger.sagaId(event);
  return {
    streamName: sagaStreamName(trigger.sagaName, sagaId), sagaName: trigger.sagaName, sagaId, subjectId: trigger.subjectId(event),
    tenantId: (event.data as { tenantId?: string }).tenantId ?? event.metadata.tenantId ?? null, input: event.data,
    triggerEventId: event.eventId, triggeredAt: event.createdAt, correlationId: event.metadata.correlationId ?? event.eventId, dueAt: new Date(),
  };
}
