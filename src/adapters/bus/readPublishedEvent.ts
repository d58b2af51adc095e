import type { EventStore, RecordedEvent } from '../../ports/eventStore';

/**
 * The stored event a bus message says it carries, or null when there is none. The message is only a
 * pointer: its stream and position are looked up in the event store, and the event found there must
 * have the message's id. Anyone allowed to publish on the broker can write an event-shaped body;
 * nobody but the platform can append to the store (docs/decisions/027).
 */
export async function readPublishedEvent(store: Pick<EventStore, 'readStream'>, claimed: RecordedEvent, messageId: string | undefined): Promise<RecordedEvent | null> {
  if (messageId !== undefined && messageId !== claimed.eventId) return null;
  if (!Number.isSafeInteger(claimed.streamPosition) || claimed.streamPosition < 0) return null;
  const [stored] = await store.readStream(claimed.streamName, { fromVersion: claimed.streamPosition, maxCount: 1 });
  return stored && stored.eventId === claimed.eventId && stored.streamPosition === claimed.streamPosition ? stored : null;
}
