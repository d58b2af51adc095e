import type { RecordedEvent } from '../../ports/eventStore';
import { formatLogPosition } from '../../ports/logPosition';

/** One fact as an auditor reads it: who (actor), when (recorded, and when the actor says it happened),
 * what (type, stream, data), why (the reason the command gave, and the causation/correlation chain). */
export interface AuditEntry {
  position: string;
  streamName: string;
  streamPosition: number;
  eventId: string;
  type: string;
  recordedAt: string;
  occurredAt: string | null;
  actor: string | null;
  tenantId: string | null;
  commandId: string | null;
  correlationId: string | null;
  causationId: string | null;
  reason: string | null;
  data: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

export function auditEntryOf(event: RecordedEvent): AuditEntry {
  const { metadata } = event;
  const data = event.data as Record<string, unknown> | null;
  return {
    position: formatLogPosition(event.position),
    streamName: event.streamName,
    streamPosition: event.streamPosition,
    eventId: event.eventId,
    type: event.type,
    recordedAt: event.createdAt.toISOString(),
    occurredAt: text(metadata.occurredAt),
    actor: text(metadata.actor),
    tenantId: text(metadata.tenantId),
    commandId: text(metadata.commandId),
    correlationId: text(metadata.correlationId),
    causationId: text(metadata.causationId),
    // Commands carry their reason in the event; operators' requests on sagas in its metadata.
    reason: text(data && typeof data === 'object' ? data.reason : null) ?? text(metadata.reason),
    data: event.data,
  };
}
