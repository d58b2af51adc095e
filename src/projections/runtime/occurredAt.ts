import type { RecordedEvent } from '../../ports/eventStore';

/** When the fact happened by the platform's clock (the pipeline's injectable `now`, recorded in the
 * metadata), falling back to the store's commit time for events written without one. Business
 * times that are later compared with another clock (a schedule's `since` with the scheduler's `now`)
 * must come from here, so one injected clock governs both. */
export function occurredAt(recorded: RecordedEvent): Date {
  const stamp = recorded.metadata.occurredAt;
  const parsed = stamp ? new Date(stamp) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : recorded.createdAt;
}
