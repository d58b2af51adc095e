import type { EventStore } from '../ports/eventStore';
import { formatLogPosition } from '../ports/logPosition';
import { optionalCategories, type NotificationCategory } from './notificationCategories';
import { preferencesStreamName, type NotificationPreferencesChanged } from './notificationEvents';

export interface NotificationPreferences {
  userId: string;
  optedOut: NotificationCategory[];
}

/** A user's opt-outs from their own small stream: read at send time, so a change applies to the
 * very next mail without waiting for a read model. */
export async function readNotificationPreferences(store: EventStore, userId: string): Promise<NotificationPreferences> {
  const last = await store.readStream(preferencesStreamName(userId), { direction: 'backwards', maxCount: 1 });
  const data = last[0]?.data as NotificationPreferencesChanged['data'] | undefined;
  return { userId, optedOut: (data?.optedOut ?? []).filter((c) => optionalCategories.includes(c)) };
}

/** Records the whole new choice (essential categories cannot be opted out of and are dropped). */
export async function changeNotificationPreferences(
  store: EventStore,
  change: { userId: string; optedOut: NotificationCategory[]; via: NotificationPreferencesChanged['data']['via'] },
  metadata: { actor: string; correlationId: string },
): Promise<{ preferences: NotificationPreferences; position: string }> {
  const optedOut = [...new Set(change.optedOut.filter((c) => optionalCategories.includes(c)))].sort();
  const event: NotificationPreferencesChanged = { type: 'NotificationPreferencesChanged', data: { userId: change.userId, optedOut, via: change.via } };
  // Last write wins: the event holds the whole choice, so concurrent changes cannot interleave.
  const result = await store.appendToStream(preferencesStreamName(change.userId), [{ ...event, metadata: { ...metadata, occurredAt: new Date().toISOString(), schemaVersion: 1 } }], { expectedVersion: 'any' });
  return { preferences: { userId: change.userId, optedOut }, position: formatLogPosition(result.position) };
}
