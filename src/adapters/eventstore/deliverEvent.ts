import type { RecordedEvent, SubscribeToAllOptions } from '../../ports/eventStore';

/** Hands one event to a subscriber; false when its handler threw (and was reported). Retrying would
 * redeliver and skipping would lose the event, so the subscription stops: the handler's owner decides. */
export async function deliverEvent(event: RecordedEvent, subscriber: Pick<SubscribeToAllOptions, 'onEvent' | 'onError'>): Promise<boolean> {
  try {
    await subscriber.onEvent(event);
    return true;
  } catch (error) {
    subscriber.onError?.(error);
    return false;
  }
}
